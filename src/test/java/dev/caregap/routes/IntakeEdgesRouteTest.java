package dev.caregap.routes;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.caregap.ingest.Arrivals;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.read.Arrival;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edges of the intake route (routes/intake.yaml) with its own beans, ingestion advised away: the quiet time is a
 * minute here, so every file that should be taken comes with its {@code <name>.done} marker, and one without waits.
 * The inbox sits more than 1,000 characters deep, and the read locks are kept by a repository that refuses a key
 * longer than the database's key column, as the database does.
 */
class IntakeEdgesRouteTest {

    @TempDir
    Path home;

    private Path inbox;
    private final CamelContext camel = new DefaultCamelContext();
    private final List<String> ingested = new CopyOnWriteArrayList<>();
    private final List<String> lockKeys = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void loadTheRouteWithIngestionAdvisedAway() throws Exception {
        Path deep = home;
        for (int i = 0; i < 5; i++) {
            deep = deep.resolve("deep-" + "d".repeat(195));
        }
        inbox = Files.createDirectories(deep.resolve("inbox"));
        assertThat(inbox.toString()).as("an inbox path longer than the lock key column").hasSizeGreaterThan(1000);
        Properties folders = new Properties();
        folders.setProperty("caregap.inbox", inbox.toString());
        folders.setProperty("caregap.archive", home.resolve("archive").toString());
        folders.setProperty("caregap.failed", home.resolve("failed").toString());
        camel.getPropertiesComponent().setInitialProperties(folders);
        camel.getRegistry().bind("arrivals", new Arrivals());
        camel.getRegistry().bind("inboxLocks", new KeyColumnLocks());
        IntakeBeans.bind(camel, inbox, home, Duration.ofMinutes(1));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/intake.yaml"));
        AdviceWith.adviceWith(camel, "intake-inbox", route -> route.weaveByToUri("direct:ingest").replace().process(exchange -> {
            Arrival arrival = exchange.getMessage().getBody(Arrival.class);
            ingested.add(arrival.fileName());
            boolean bad = arrival.fileName().startsWith("bad");
            exchange.getMessage().setBody(new IngestOutcome(
                    bad ? IngestOutcome.Status.REJECTED : IngestOutcome.Status.INGESTED, ingested.size(), arrival.fileName(),
                    null, null, 0, 0, 0, 0, bad ? "The file's layout is not recognised." : null,
                    bad ? "file " + arrival.fileName() + ", row 1: 3 columns" : ""));
        }));
        log.start();
        for (String logger : List.of("intake-inbox", "dev.caregap.ingest.InboxLinks")) {
            ((Logger) LoggerFactory.getLogger(logger)).addAppender(log);
        }
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        for (String logger : List.of("intake-inbox", "dev.caregap.ingest.InboxLinks")) {
            ((Logger) LoggerFactory.getLogger(logger)).detachAppender(log);
        }
    }

    @Test
    void aFileWithItsDoneMarkerIsTakenAtOnceAndOneWithoutWaitsForTheQuietTime() throws IOException {
        Files.writeString(inbox.resolve("unmarked.csv"), "respondent_id,C_CARE\nR1,Agree\n");
        dropDone("marked.csv", "respondent_id,C_CARE\nR2,Agree\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> archived().size() == 1);
        assertThat(archived()).singleElement().asString().matches("\\d{6}-marked\\.csv");
        assertThat(inbox.resolve("marked.csv.done")).as("the marker leaves with its file").doesNotExist();
        pause(Duration.ofSeconds(2));
        assertThat(inbox.resolve("unmarked.csv")).as("no marker: waits until it has held still for a minute").exists();
        assertThat(ingested).containsExactly("marked.csv");
        assertThat(lockKeys).singleElement().asString().hasSizeLessThanOrEqualTo(1000).contains("sha256:");
    }

    @Test
    void namesWithPunctuationOrExpressionsAreKeptAsTheyAre() throws IOException {
        List<String> names = List.of("wave (1), \"final\" {copy}'s.csv", "wave ${body} 100%.csv");
        for (String name : names) {
            dropDone(name, "respondent_id,C_CARE\nR" + name.length() + ",Agree\n");
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> archived().size() == 2);
        assertThat(ingested).containsExactlyInAnyOrderElementsOf(names);
        assertThat(archived()).allMatch(name -> name.matches("\\d{6}-wave .*\\.csv"))
                .anyMatch(name -> name.endsWith("-wave (1), \"final\" {copy}'s.csv"))
                .anyMatch(name -> name.endsWith("-wave ${body} 100%.csv"));
    }

    @Test
    void aMarkerOlderThanTheFileDoesNotSayItIsComplete() throws IOException {
        Path marker = Files.writeString(inbox.resolve("rewritten.csv.done"), "");
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.writeString(inbox.resolve("rewritten.csv"), "respondent_id,C_CARE\nR1,Agree\n");

        pause(Duration.ofSeconds(3));
        assertThat(inbox.resolve("rewritten.csv")).exists();
        assertThat(ingested).isEmpty();
    }

    @Test
    void aNameTooLongToKeepFailsUnderAShortenedNameBesideItsReasonOnce() throws IOException {
        String ascii = "n".repeat(246) + ".csv";                 // 250 bytes
        String accented = "é".repeat(118) + ".csv";              // 240 bytes, two to a character
        boolean utf8Names = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
        dropDone(ascii, "respondent_id,C_CARE\nR1,Agree\n");
        if (utf8Names) {
            dropDone(accented, "respondent_id,C_CARE\nR2,Agree\n");
        }
        int files = utf8Names ? 4 : 2;

        await().atMost(Duration.ofSeconds(20)).until(() -> failedFiles().size() == files && isEmpty(inbox));
        pause(Duration.ofSeconds(2));
        assertThat(failedFiles()).as("moved once, no retries").hasSize(files);
        assertThat(ingested).as("refused unread").isEmpty();
        List<Path> kept = failedFiles().stream().filter(p -> !p.toString().endsWith(".error.txt")).toList();
        assertThat(kept).hasSize(files / 2).allSatisfy(file -> {
            String name = file.getFileName().toString();
            assertThat(name).matches("\\d{6}-(n+|é+)~[0-9a-f]{8}\\.csv");
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255 - ".error.txt".length());
            String reason = Files.readString(IntakeBeans.reason(file));
            assertThat(reason).contains("The file name is ").contains("bytes long; caregap keeps names of up to 235 bytes")
                    .contains("Nothing of this file was stored");
        });
        assertThat(Files.readString(IntakeBeans.reason(kept.stream().filter(p -> p.toString().contains("nnn")).findFirst().orElseThrow())))
                .startsWith("caregap could not use " + ascii + ": The file name is 250 bytes long");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.startsWith(ascii + " refused: "));
    }

    @Test
    void aLinkIsMovedToFailedAsALinkAndNothingItPointsAtIsRead() throws IOException {
        Path secret = Files.createDirectories(home.resolve("elsewhere")).resolve("survey.csv");
        Files.writeString(secret, "respondent_id,C_CARE\nR1,Agree\n");
        Files.createSymbolicLink(inbox.resolve("linked.csv"), secret);

        await().atMost(Duration.ofSeconds(20)).until(() -> failedFiles().size() == 2);
        Path link = IntakeBeans.failed(home, "linked.csv");
        assertThat(Files.isSymbolicLink(link)).as("moved as a link").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(secret);
        assertThat(Files.readString(IntakeBeans.reason(link)))
                .startsWith("caregap could not use linked.csv: The file is a symbolic link (to " + secret + ")")
                .contains("links in the inbox are not followed").contains("caregap.intake.follow-links=true");
        assertThat(secret).hasContent("respondent_id,C_CARE\nR1,Agree");
        assertThat(inbox.resolve("linked.csv")).doesNotExist();
        assertThat(ingested).isEmpty();
    }

    @Test
    void aSecondFailureOfTheSameNameKeepsTheFirstAndItsReason() throws IOException {
        dropDone("bad.csv", "a,b,c\n1,2,3\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> IntakeBeans.failedAll(home, "bad.csv").size() == 1);
        dropDone("bad.csv", "x,y,z\n4,5,6\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> IntakeBeans.failedAll(home, "bad.csv").size() == 2);

        List<Path> both = IntakeBeans.failedAll(home, "bad.csv");
        assertThat(both).extracting(Files::readString).containsExactlyInAnyOrder("a,b,c\n1,2,3\n", "x,y,z\n4,5,6\n");
        assertThat(both).allSatisfy(file -> assertThat(Files.readString(IntakeBeans.reason(file)))
                .startsWith("caregap could not use bad.csv: The file's layout is not recognised."));
    }

    @Test
    void controlCharactersInANameAreEscapedInTheLogAndInTheReason() throws IOException {
        String forging = "bad\nExport 99 forged.csv rejected: \u0007.csv";
        dropDone(forging, "a,b,c\n1,2,3\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> IntakeBeans.failedAll(home, forging).size() == 1);
        String shown = "bad\\nExport 99 forged.csv rejected: \\u0007.csv";
        assertThat(ingested).containsExactly(shown);
        assertThat(Files.readString(IntakeBeans.reason(IntakeBeans.failed(home, forging))))
                .startsWith("caregap could not use " + shown + ": The file's layout is not recognised.")
                .contains("file " + shown + ", row 1");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.equals("Export 1 " + shown + " rejected: The file's layout is not recognised."))
                .noneMatch(line -> line.contains("\n") || line.contains("\u0007"));
    }

    @Test
    void anExportThatEndsInTheMiddleOfARowIsRefusedUnread() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sample-input/qualtrics-consumers.csv"));
        String cut = String.join("\r\n", lines.subList(0, 8)) + "\r\n" + lines.get(8).substring(0, 60);
        dropDone("being-copied.csv", cut);

        await().atMost(Duration.ofSeconds(20)).until(() -> failedFiles().size() == 2);
        assertThat(ingested).isEmpty();
        assertThat(Files.readString(IntakeBeans.reason(IntakeBeans.failed(home, "being-copied.csv"))))
                .startsWith("caregap could not use being-copied.csv: The file ends in the middle of row 9: it may still have"
                        + " been being written.");
    }

    private void dropDone(String name, String content) throws IOException {
        Files.writeString(inbox.resolve(name), content);
        Files.writeString(inbox.resolve(name + ".done"), "");
    }

    private List<String> archived() throws IOException {
        return walk(home.resolve("archive")).stream().map(p -> p.getFileName().toString()).toList();
    }

    private List<Path> failedFiles() throws IOException {
        return walk(home.resolve("failed"));
    }

    private static List<Path> walk(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p)).sorted().toList();
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As the database keeps the locks: a key longer than the key column cannot be added. */
    private final class KeyColumnLocks extends MemoryIdempotentRepository {
        @Override
        public boolean add(String key) {
            if (key.length() > 1000) {
                throw new IllegalArgumentException("value too long for column file_key varchar(1000)");
            }
            lockKeys.add(key);
            return super.add(key);
        }
    }
}
