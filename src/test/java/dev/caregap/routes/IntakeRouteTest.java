package dev.caregap.routes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.caregap.ingest.InboxCompletion;
import dev.caregap.read.Arrival;
import dev.caregap.ingest.IngestOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake route alone (routes/intake.yaml): what becomes of a dropped file once ingestion has answered.
 * Ingestion itself is advised away; the answer depends on the file's name here, never in the service.
 */
class IntakeRouteTest {

    @TempDir
    Path home;

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger databaseDownFor = new AtomicInteger(2);
    private final List<String> handedToIngestion = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Locks locks;

    @BeforeEach
    void loadTheRouteWithIngestionAdvisedAway() throws Exception {
        Properties folders = new Properties();
        for (String folder : List.of("inbox", "archive", "failed")) {
            folders.setProperty("caregap." + folder, home.resolve(folder).toString());
        }
        camel.getPropertiesComponent().setInitialProperties(folders);
        camel.getRegistry().bind("arrivals", new Arrivals());
        locks = new Locks(Files.createDirectories(home.resolve("elsewhere")));
        camel.getRegistry().bind("inboxLocks", locks);
        IntakeBeans.bind(camel, home, Duration.ZERO);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/intake.yaml"));
        AdviceWith.adviceWith(camel, "intake-inbox", route -> route.weaveByToUri("direct:ingest").replace().process(exchange -> {
            Arrival arrival = exchange.getMessage().getBody(Arrival.class);
            handedToIngestion.add(arrival.fileName());
            if (arrival.fileName().startsWith("crash")) {
                throw new IllegalStateException("a bug");
            }
            if (arrival.fileName().startsWith("offline") && databaseDownFor.getAndDecrement() > 0) {
                throw new CannotGetJdbcConnectionException("the database is gone");
            }
            boolean bad = arrival.fileName().startsWith("bad");
            exchange.getMessage().setBody(new IngestOutcome(
                    bad ? IngestOutcome.Status.REJECTED : IngestOutcome.Status.INGESTED, 1, arrival.fileName(), null, null,
                    0, 0, 0, 0, bad ? "The file ends inside a quoted field that starts on row 4." : null,
                    bad ? "file " + arrival.fileName() + ", row 4: a quote mark opens a field that is never closed" : ""));
        }));
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        ((Logger) LoggerFactory.getLogger(InboxCompletion.class)).setLevel(Level.DEBUG);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(InboxCompletion.class)).setLevel(null);
    }

    @Test
    void aFileAnotherInstanceTookBetweenTheLookAndTheLockIsNothingToDo() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("taken.csv"), "respondent_id,C_CARE\nR1,Agree\n");

        // the last thing the file consumer does with it: note that it could not be moved out of the inbox (or fail)
        await().atMost(Duration.ofSeconds(20)).until(() -> logged().stream().anyMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN)
                || event.getFormattedMessage().startsWith("taken.csv had left the inbox when it was to be moved out of it")));
        assertThat(locks.released).as("its lock let go").contains("taken.csv");
        assertThat(home.resolve("elsewhere").resolve("taken.csv")).as("where the other instance put it").exists();
        assertThat(handedToIngestion).as("neither read nor rejected").isEmpty();
        assertThat(files(home.resolve("failed"))).as("no reason written for it").isEmpty();
        assertThat(files(home.resolve("archive"))).isEmpty();
        assertThat(logged()).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(logged()).extracting(ILoggingEvent::getFormattedMessage)
                .contains("taken.csv left the inbox before it was read here (another instance took it): nothing to do");
    }

    @Test
    void aReadFileIsArchivedAndARejectedOneFailsBesideItsReason() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("good.csv"), "respondent_id,C_CARE\nR1,Agree\n");
        Files.writeString(inbox.resolve("bad.csv"), "respondent_id,C_CARE\n\"R1,Agree\n");
        Files.writeString(inbox.resolve("notes.md"), "left alone");

        await().atMost(Duration.ofSeconds(20)).until(() -> files(home.resolve("failed")).size() == 2
                && files(home.resolve("archive")).size() == 1);
        assertThat(files(home.resolve("archive"))).singleElement().asString().endsWith("-good.csv");
        Path bad = IntakeBeans.failed(home, "bad.csv");
        assertThat(bad).hasContent("respondent_id,C_CARE\n\"R1,Agree");
        assertThat(Files.readString(IntakeBeans.reason(bad)))
                .startsWith("caregap could not use bad.csv: The file ends inside a quoted field that starts on row 4.")
                .contains("row 4: a quote mark opens a field that is never closed");
        assertThat(inbox.resolve("notes.md")).exists();
    }

    @Test
    void anUnexpectedErrorStillMovesTheFileToFailedWithAReason() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("crash.csv"), "respondent_id\nR1\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> files(home.resolve("failed")).size() == 2);
        assertThat(Files.readString(IntakeBeans.reason(IntakeBeans.failed(home, "crash.csv"))))
                .contains("unexpected error: a bug").contains("Nothing of this file was stored");
        assertThat(inbox.resolve("crash.csv")).doesNotExist();
    }

    @Test
    void aDatabaseThatCannotBeReachedKeepsTheFileInTheInboxUntilItCan() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("offline.csv"), "respondent_id,C_CARE\nR1,Agree\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> files(home.resolve("archive")).size() == 1);
        assertThat(databaseDownFor.get()).as("tried while the database was gone, then once more").isNegative();
        assertThat(files(home.resolve("archive"))).singleElement().asString().endsWith("-offline.csv");
        assertThat(files(home.resolve("failed"))).isEmpty();
    }

    /** What was logged so far (the appender adds under its own lock, while the route runs). */
    private List<ILoggingEvent> logged() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    private static List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
    }

    /**
     * The inbox's read locks, in memory; a file whose name starts with "taken" is moved out of the inbox while its lock
     * is being taken, as another instance that archived it between this one's look and its lock would leave it.
     */
    private static final class Locks extends MemoryIdempotentRepository {
        private final Path elsewhere;
        /** Names of the files whose lock was let go. */
        final Set<String> released = ConcurrentHashMap.newKeySet();

        Locks(Path elsewhere) {
            this.elsewhere = elsewhere;
        }

        @Override
        public boolean add(String key) {
            Path file = Path.of(key);
            if (file.getFileName().toString().startsWith("taken") && Files.exists(file)) {
                try {
                    Files.move(file, elsewhere.resolve(file.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return super.add(key);
        }

        @Override
        public boolean remove(String key) {
            released.add(Path.of(key).getFileName().toString());
            return super.remove(key);
        }
    }

    /** Stands in for the Arrivals bean without fingerprinting: the route only needs the name. */
    public static final class Arrivals {
        public Arrival fromFile(String absolutePath, String fileName, String source) {
            return new Arrival(Path.of(absolutePath), fileName, source, "c0ffee", 0, Instant.now());
        }
    }
}
