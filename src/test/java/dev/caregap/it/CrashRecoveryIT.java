package dev.caregap.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caregap.it.service.ServiceProcess;
import dev.caregap.sample.CareGapQuestionnaire;
import dev.caregap.sample.SyntheticExport;
import dev.caregap.store.RespondentBlock;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Crash recovery: the service runs as a separate JVM and is killed (SIGKILL, no shutdown of any kind) at the
 * moments a multi-file drop can be caught in: reading an export, storing its rows (twice), writing its identities
 * once it counts, computing figures, writing result files, the instant the inbox empties, and between two runs. After
 * the restarts of the same home the drop must settle exactly as an uninterrupted run of it did: the same contents
 * ingested, each exactly once, the same respondents (none lost, none stored twice), each included respondent's
 * identity once and none of an export not ingested, nothing
 * left in flight, and a complete {@code latest} whose figures
 * are byte for byte those of the uninterrupted run. Each kill is checked to have hit its moment (the line that ends
 * that moment was not logged yet). A scenario whose kill missed its moment is played again on a fresh home, up to
 * {@value #ATTEMPTS} times in all; a machine that misses it every time fails the test instead of weakening it.
 *
 * <p>The drop is the sample exports plus one synthetic Qualtrics export of 160,000 business respondents, big enough
 * that reading and storing it takes about a second and computing figures and writing result files a second or more. Every scenario
 * has a fresh home on the embedded H2 database, read by this test once the service has stopped; the uninterrupted
 * run goes on beside the first scenario.
 *
 * <p>Chaos mode, skipped unless asked for: {@code -Dcaregap.chaos.kills=20} (how many kills), optionally
 * {@code -Dcaregap.chaos.respondents=20000} (respondents of each of the three big exports) and
 * {@code -Dcaregap.chaos.seed=}: one long drop killed that many times at random moments, then left to settle and
 * compared with an uninterrupted run of it; it prints one summary line. {@code -Dcaregap.crash.keepLogs=true} keeps
 * the service logs of passing scenarios too (failing ones always keep theirs), under the build folder's
 * {@code crash-recovery-logs/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String STUDY = "care-gap";
    private static final String BIG = "big-business.csv";
    /**
     * Big enough that reading and storing it takes about a second even in a warm service (40,000 were read whole in
     * less than half a second once exports were parsed with FastCSV; of 80,000, 72,000 were stored within it once
     * respondents were stored in blocks), and computing figures and writing result files a second or more.
     */
    private static final int BIG_RESPONDENTS = 160_000;
    /** Per big export of the chaos drop (three of them). */
    private static final int CHAOS_RESPONDENTS = 20_000;
    /**
     * A short lease and quiet period, so a dead instance's work is taken over soon after a restart; a dropped file is
     * taken once it held still for a second (it arrives by an atomic rename, so it is never seen half-written).
     */
    private static final List<String> ARGS = List.of("--caregap.work.lease=3s", "--caregap.runs.quiet=1s",
            "--caregap.work.poll=250ms", "--caregap.intake.quiet=1s");
    /** How many times a scenario is played when its kill misses its moment (some moments last tens of milliseconds). */
    private static final int ATTEMPTS = 3;
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration PHASE = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration CHAOS_SETTLE = Duration.ofMinutes(15);
    /**
     * How long the pipeline's log must stay still before the identities of exports whose written line is missing
     * count as written: many leases (3 s here) and sweeps (every poll).
     */
    private static final Duration IDENTITIES_UNLOGGED = Duration.ofSeconds(20);
    /** How long the log must stay still, after the done signal, for a drop to count as settled. */
    private static final Duration STILL = Duration.ofSeconds(2);
    private static final Pattern PIPELINE = Pattern.compile("Reading export \\d+|Export \\d+ |Run \\d+ of ");
    private static final Pattern INGESTED_LINE = Pattern.compile("Export (\\d+) .* \\(.*\\): [\\d,]+ respondents read");
    private static final Pattern IDENTITIES_WRITTEN = Pattern.compile("Export (\\d+): its identities are written");
    private static final Pattern DELIVERED = Pattern.compile("Run (\\d+) of " + STUDY + " delivered: (\\d+) exports");
    private static final List<String> RESULT_FILES = List.of("figures.csv", "figures.json", "data-quality.csv",
            "responses.csv", "run.json");

    private static final Path WORK = createTempDirectory("caregap-crash-");
    private static Drop drop;
    private static CompletableFuture<Snapshot> reference;

    @AfterAll
    static void deleteTheTemporaryFolders() {
        if (reference != null) {
            awaitQuietly(reference);  // the uninterrupted run may still be going if a scenario failed early
        }
        deleteRecursively(WORK);
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    @Test
    @Order(1)
    void killedWhileReadingTheBigExport_restartReadsItAgainAndSettlesAsUninterrupted() {
        startTheReference();
        scenario("reading", home -> {
            ServiceProcess service = home.start();
            home.dropAll(fixedDrop().files());
            home.awaitLogAndKill(service, "Reading export \\d+ " + Pattern.quote(BIG), Duration.ZERO);
            home.assertNotLogged(service, "Export \\d+ " + Pattern.quote(BIG) + " \\(", "the big export was not committed yet");
            home.assertLeftBeingRead(BIG);
            home.settleLikeTheReference(home.start());
        });
    }

    @Test
    @Order(2)
    void killedTwiceWhileStoringRows_halfStoredRowsAreRemovedAndNothingIsStoredTwice() {
        startTheReference();
        scenario("storing", home -> {
            ServiceProcess service = home.start();
            home.dropAll(fixedDrop().files());
            for (int kill = 0; kill < 2; kill++) {
                // the second time, the export is being read again after the first kill; 500 ms in, a part of its
                // rows are committed (not yet all of them: the test fails when the export was read whole by then)
                home.awaitLogAndKill(service, "Reading export \\d+ " + Pattern.quote(BIG), Duration.ofMillis(500));
                home.assertNotLogged(service, "Export \\d+ " + Pattern.quote(BIG) + " read",
                        "the big export was still being read 0.5 s after its reading began");
                home.assertLeftBeingRead(BIG);
                service = home.start();
            }
            home.settleLikeTheReference(service);
        });
    }

    @Test
    @Order(3)
    void killedWhileWritingTheBigExportsIdentitiesAfterItCounts_theyAreWrittenAgainFromItsRowsAndItSettlesAsUninterrupted() {
        startTheReference();
        scenario("identities", home -> {
            // the store says each time a transaction of an export's identities is committed
            ServiceProcess service = home.start("identities", List.of("--logging.level.dev.caregap.store.RespondentStore=debug"));
            home.dropAll(fixedDrop().files());
            Matcher ingested = service.awaitLog("Export (\\d+) " + Pattern.quote(BIG) + " \\(", PHASE);
            String export = ingested.group(1);
            home.awaitLogAndKill(service, "Export " + export + ": \\d+ identities in one transaction", Duration.ZERO);
            home.assertNotLogged(service, "Export " + export + ": its identities are written", "its identities were not all written yet");
            String left = home.query("""
                    select status || ', identities pending ' || identities_pending || ', '
                           || (select count(*) from respondent_identity i where i.export_id = e.id) || ' of them written'
                    from survey_export e where id = %s""".formatted(export));
            home.note("the kill left the big export " + left);
            if (!left.startsWith("INGESTED, identities pending TRUE") || left.contains(", 0 of them")) {
                throw new MissedMoment("The kill was to come once the big export counted and its first identities were written, but it is " + left);
            }
            service = home.start();
            service.awaitLog("Export " + export + ": its identities were left pending by a stopped instance", PHASE);
            service.awaitLog("Export " + export + ": its identities are written", PHASE);
            home.settleLikeTheReference(service);
        });
    }

    @Test
    @Order(4)
    void killedWhileComputingFigures_thenWhileWritingResultFiles_theRunIsDoneAgainAndNoPartialFolderIsLeft() {
        startTheReference();
        int exports = fixedDrop().files().size();
        scenario("figures-then-writing", home -> {
            ServiceProcess service = home.start();
            home.dropAll(fixedDrop().files());
            Matcher computing = home.awaitLogAndKill(service,
                    "Run (\\d+) of " + STUDY + " computing over " + exports + " exports", Duration.ZERO);
            home.assertNotLogged(service, "Run " + computing.group(1) + " of " + STUDY + " computed", "the run was not computed yet");
            service = home.start();
            String run = service.awaitLog("Run (\\d+) of " + STUDY + " computing over " + exports + " exports", PHASE).group(1);
            home.awaitLogAndKill(service, "Run " + run + " of " + STUDY + ": writing result files", Duration.ZERO);
            home.assertNotLogged(service, "Run " + run + " of " + STUDY + " delivered", "the run was not delivered yet");
            home.settleLikeTheReference(home.start());
        });
    }

    @Test
    @Order(5)
    void killedTheInstantTheInboxEmpties_theRunOfTheDropStillComes() {
        startTheReference();
        scenario("inbox-empty", home -> {
            ServiceProcess service = home.start();
            home.dropAll(fixedDrop().files());
            home.awaitEmptyInboxAndKill(service, PHASE);
            home.assertNotLogged(service, "Run \\d+ of " + STUDY + " delivered: " + fixedDrop().files().size() + " exports",
                    "the drop's run was not delivered yet");
            home.settleLikeTheReference(home.start());
        });
    }

    @Test
    @Order(6)
    void killedBetweenRuns_theRestOfTheDropAfterTheRestartSettlesAsOneUninterruptedDrop() {
        startTheReference();
        scenario("between-runs", home -> {
            List<Path> files = fixedDrop().files();
            List<Path> first = files.stream().filter(f -> !f.getFileName().toString().equals(BIG)).limit(3).toList();
            List<Path> rest = files.stream().filter(f -> !first.contains(f)).toList();
            ServiceProcess service = home.start();
            home.dropAll(first);
            home.awaitLogAndKill(service, "Run \\d+ of " + STUDY + " delivered: " + first.size() + " exports", Duration.ZERO);
            // back under another instance name, as a replaced machine would come back
            service = home.start("between-runs-b");
            home.dropAll(rest);
            home.settleLikeTheReference(service);
        });
    }

    /**
     * Random kills during one long drop ({@code -Dcaregap.chaos.kills=N}); skipped unless that is set. Prints
     * {@code Chaos: <kills> kills, <respondents> respondents expected, <stored> stored, <lost> lost, <duplicated>
     * duplicated, figures equal: <true|false>}.
     */
    @Test
    @Order(7)
    void chaos_randomKillsDuringALongDropLoseAndDuplicateNothing() {
        String killsProperty = System.getProperty("caregap.chaos.kills");
        assumeTrue(killsProperty != null && !killsProperty.isBlank() && Integer.parseInt(killsProperty.trim()) > 0,
                "chaos mode runs only with -Dcaregap.chaos.kills=<n> (n > 0)");
        int kills = Integer.parseInt(killsProperty.trim());
        int respondents = Integer.getInteger("caregap.chaos.respondents", CHAOS_RESPONDENTS);
        long seed = Long.getLong("caregap.chaos.seed", 20_261_130L);
        Drop chaosDrop = Drop.write(WORK.resolve("chaos-drop"), respondents, 3, seed);
        CompletableFuture<Snapshot> expected = inBackground("chaos-reference", chaosDrop, CHAOS_SETTLE);
        Random random = new Random(seed);
        try {
            chaos(kills, chaosDrop, expected, random);
        } finally {
            awaitQuietly(expected);  // never leave the uninterrupted run going
        }
    }

    private static void chaos(int kills, Drop chaosDrop, CompletableFuture<Snapshot> expected, Random random) {
        scenario("chaos", home -> {
            ServiceProcess service = home.start();
            home.dropAll(chaosDrop.files());
            for (int kill = 1; kill <= kills; kill++) {
                String when;
                if (random.nextBoolean()) {
                    // a moment in time: 0.2 to 5 s after the start was ready (or after the drop)
                    int delay = 200 + random.nextInt(4_800);
                    sleep(Duration.ofMillis(delay));
                    when = delay + " ms after ready";
                } else {
                    // a moment in the work: shortly after one of the next pipeline lines (timed kills alone land
                    // mostly before a restarted instance has picked anything up)
                    int lines = 1 + random.nextInt(3);
                    int delay = random.nextInt(1_000);
                    home.awaitPipelineLines(service, lines, Duration.ofSeconds(30));
                    sleep(Duration.ofMillis(delay));
                    when = delay + " ms after pipeline line " + lines + " of this start";
                }
                service.kill();
                home.note("kill " + kill + " of " + kills + ", " + when + "; last pipeline line: " + shorter(home.lastPipelineLine()));
                service = home.start();
            }
            Snapshot actual = home.settleAndRead(service, chaosDrop.files().size(), CHAOS_SETTLE);
            Snapshot reference = await(expected);
            Comparison comparison = actual.compareRespondents(reference);
            boolean figuresEqual = Arrays.equals(actual.latestFigures(), reference.latestFigures());
            System.out.println("Chaos: " + kills + " kills, " + reference.respondents() + " respondents expected, "
                    + actual.respondents() + " stored, " + comparison.lost() + " lost, " + comparison.duplicated()
                    + " duplicated, figures equal: " + figuresEqual);
            actual.assertSettledLike(reference, chaosDrop.files());
        });
    }

    // ------------------------------------------------------------------------------------------------ the drop

    /** The drop of the fixed scenarios, written once. */
    private static synchronized Drop fixedDrop() {
        if (drop == null) {
            drop = Drop.write(WORK.resolve("drop"), BIG_RESPONDENTS, 1, 4_242L);
        }
        return drop;
    }

    /**
     * Starts the uninterrupted run of the fixed drop, once, beside the first crash scenario (it is needed only when
     * that scenario is checked, and the two JVMs share the machine's cores better than they would take turns).
     */
    private static synchronized void startTheReference() {
        if (reference == null) {
            reference = inBackground("reference", fixedDrop(), SETTLE);
        }
    }

    private static Snapshot fixedReference() {
        startTheReference();
        return await(reference);
    }

    /** The drop run once without interruption on a fresh home: what every crashed run must end up as. */
    private static CompletableFuture<Snapshot> inBackground(String name, Drop files, Duration settle) {
        return CompletableFuture.supplyAsync(() -> {
            Snapshot[] result = new Snapshot[1];
            scenario(name, home -> {
                ServiceProcess service = home.start();
                home.dropAll(files.files());
                result[0] = home.settleAndRead(service, files.files().size(), settle);
                result[0].assertComplete(files.files());
                if (service.countLog("Export \\d+ .* was interrupted") > 0) {
                    fail("Nothing died in the uninterrupted run, yet an export was taken over as interrupted:\n" + service.tail());
                }
            });
            return result[0];
        }, task -> {
            Thread thread = new Thread(task, "caregap-" + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Waits for an uninterrupted run to end, however it ends (its failure is reported where it is compared). */
    private static void awaitQuietly(CompletableFuture<Snapshot> uninterrupted) {
        try {
            uninterrupted.get(20, TimeUnit.MINUTES);
        } catch (Exception e) {
            // reported by the scenarios that compare with it
        }
    }

    private static Snapshot await(CompletableFuture<Snapshot> uninterrupted) {
        try {
            return uninterrupted.get(20, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError("The uninterrupted run to compare with failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("The uninterrupted run to compare with did not end within 20 minutes");
        }
    }

    /**
     * The files of a drop: one or more big synthetic exports, then the sample exports, in a staging folder. Dropped in
     * this order, the big ones are read first (the inbox is read oldest file first).
     */
    record Drop(List<Path> files) {

        /**
         * @param respondents respondents per big export
         * @param bigExports  how many big exports; with more than one they are parts of one generated export, so no
         *                    two share a respondent id (which would make duplicates settled by ingestion order)
         */
        static Drop write(Path staging, int respondents, int bigExports, long seed) {
            try {
                Files.createDirectories(staging);
                List<Path> files = new ArrayList<>();
                try (Stream<Path> sample = Files.list(PROJECT.resolve("sample-input"))) {
                    for (Path file : sample.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".xlsx"))
                            .sorted().toList()) {
                        files.add(Files.copy(file, staging.resolve(file.getFileName())));
                    }
                }
                if (files.size() < 3) {
                    throw new IllegalStateException("sample-input/ holds only " + files);
                }
                // Business respondents: their R_ ids cannot meet the sample's (consumers with R_ ids, businesses with numbers)
                if (bigExports == 1) {
                    Path big = staging.resolve(BIG);
                    SyntheticExport.writeQualtrics(big, CareGapQuestionnaire.BUSINESS, respondents, seed);
                    files.add(0, big);
                } else {
                    Path whole = staging.resolve("whole.tmp");
                    SyntheticExport.writeQualtrics(whole, CareGapQuestionnaire.BUSINESS, (long) respondents * bigExports, seed);
                    files.addAll(0, split(whole, bigExports, respondents, staging));
                    Files.delete(whole);
                }
                return new Drop(List.copyOf(files));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Splits a Qualtrics export (three header rows) into parts of {@code rows} respondents each. */
        private static List<Path> split(Path whole, int parts, int rows, Path staging) throws IOException {
            List<Path> files = new ArrayList<>();
            CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").setQuoteMode(QuoteMode.MINIMAL).get();
            try (Reader in = Files.newBufferedReader(whole, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
                Iterator<CSVRecord> records = parser.iterator();
                List<List<String>> header = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    header.add(new ArrayList<>(records.next().toList()));
                }
                String first = header.get(0).get(0);
                header.get(0).set(0, first.startsWith("\uFEFF") ? first.substring(1) : first);
                for (int part = 1; part <= parts; part++) {
                    Path file = staging.resolve(String.format("big-business-part%d.csv", part));
                    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                         CSVPrinter printer = new CSVPrinter(out, format)) {
                        out.write('\uFEFF');
                        for (List<String> row : header) {
                            printer.printRecord(row);
                        }
                        for (int r = 0; r < rows && records.hasNext(); r++) {
                            printer.printRecord(records.next().toList());
                        }
                    }
                    files.add(file);
                }
            }
            return files;
        }
    }

    // ------------------------------------------------------------------------------------------------ a home

    /**
     * Runs {@code body} on a fresh home; deletes the home afterwards whatever the outcome. On failure the
     * service logs are copied beside the build ({@code crash-recovery-logs/<name>/}) and their tails are added
     * to the failure message.
     */
    private static void scenario(String name, Consumer<Home> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                scenario(name, attempt, body);
                return;
            } catch (MissedMoment missed) {
                if (attempt == ATTEMPTS) {
                    throw new AssertionError("Scenario " + name + ": its kill missed its moment in all " + ATTEMPTS
                            + " attempts; the last:\n" + missed.getMessage(), missed);
                }
                System.out.printf("CrashRecoveryIT %s: attempt %d missed its moment, played again: %s%n", name, attempt,
                        missed.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static void scenario(String name, int attempt, Consumer<Home> body) {
        Home home = new Home(name, WORK.resolve(name));
        long started = System.nanoTime();
        try {
            body.accept(home);
            System.out.printf("CrashRecoveryIT %s: passed%s, %d starts, %.1f s%n  %s%n", name,
                    attempt > 1 ? " at attempt " + attempt : "", home.starts.size(),
                    (System.nanoTime() - started) / 1e9, String.join("\n  ", home.notes));
            if (Boolean.getBoolean("caregap.crash.keepLogs")) {
                System.out.println("  logs kept in " + keepLogs(name, home));
            }
        } catch (MissedMoment missed) {
            throw new MissedMoment(missed.getMessage() + "\n\nWhat the test did:\n" + String.join("\n", home.notes)
                    + "\n\nService logs kept in " + keepLogs(name, home));
        } catch (Throwable failure) {
            Path kept = keepLogs(name, home);
            String message = String.valueOf(failure.getMessage());
            throw new AssertionError("Scenario " + name + ": " + message
                    + "\n\nWhat the test did:\n" + String.join("\n", home.notes)
                    + "\n\nService logs kept in " + kept + "\n" + home.logSummaries(message), failure);
        } finally {
            home.starts.forEach(ServiceProcess::kill);
            deleteRecursively(home.path);
        }
    }

    private static Path keepLogs(String name, Home home) {
        Path kept = buildDirectory().resolve("crash-recovery-logs").resolve(name);
        try {
            deleteRecursively(kept);  // of an earlier build
            Files.createDirectories(kept);
            for (ServiceProcess start : home.starts) {
                Files.copy(start.logFile(), kept.resolve(start.logFile().getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            return home.path.resolve("logs");
        }
        return kept;
    }

    private static Path buildDirectory() {
        String jar = System.getProperty("caregap.jar");
        return jar != null ? Path.of(jar).toAbsolutePath().getParent() : PROJECT.resolve("target");
    }

    /** A kill that came too early or too late to test the moment it was meant for: not a fault of the service. */
    static final class MissedMoment extends AssertionError {
        MissedMoment(String message) {
            super(message);
        }
    }

    /** One home folder and the starts of the service on it. */
    static final class Home {

        private final String name;
        private final Path path;
        private final Path inbox;
        private final List<ServiceProcess> starts = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final long created = System.nanoTime();

        Home(String name, Path path) {
            this.name = name;
            this.path = path;
            this.inbox = path.resolve("inbox");
            try {
                Files.createDirectories(inbox);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        ServiceProcess start() {
            return start(name);
        }

        ServiceProcess start(String instance) {
            return start(instance, List.of());
        }

        ServiceProcess start(String instance, List<String> more) {
            long started = System.nanoTime();
            ServiceProcess service = ServiceProcess.start(path, instance,
                    Stream.concat(ARGS.stream(), more.stream()).toList());
            starts.add(service);
            service.awaitReady(READY);
            note(String.format("%s ready in %.1f s (%s)", instance, (System.nanoTime() - started) / 1e9,
                    service.logFile().getFileName()));
            return service;
        }

        /** What the test did, at how many seconds into the scenario: printed with its outcome. */
        void note(String note) {
            notes.add(String.format("%6.1f s  %s", (System.nanoTime() - created) / 1e9, note));
        }

        /**
         * What the kill left in the database: the export of {@code file} still READING, with however many rows it had
         * written (noted).
         */
        void assertLeftBeingRead(String file) {
            String left = query("""
                    select e.status || ', ' || (select coalesce(sum(b.respondents), 0) from respondent_block b where b.export_id = e.id) || ' rows stored'
                    from survey_export e where e.id = (select max(id) from survey_export where file_name = '%s')"""
                    .formatted(file));
            note("the kill left " + file + " " + left);
            if (!left.startsWith("READING")) {
                throw new MissedMoment("The kill was to leave " + file + " being read, but it is " + left);
            }
        }

        /** One value from the home's database, read while no service runs on it. */
        String query(String sql) {
            if (starts.stream().anyMatch(ServiceProcess::isAlive)) {
                throw new IllegalStateException("the database of " + name + " is read only while no service runs");
            }
            try (Connection db = Snapshot.open(path); Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery(sql)) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "(no row)";
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the database of " + name + ": " + e.getMessage(), e);
            }
        }

        /** Copies each file in as {@code <name>.part}, then renames it into the inbox at once. */
        void dropAll(List<Path> files) {
            try {
                for (Path file : files) {
                    Path partial = Files.copy(file, inbox.resolve(file.getFileName() + ".part"));
                    Files.move(partial, inbox.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            note("dropped " + files.stream().map(f -> f.getFileName().toString()).toList());
        }

        /** Waits for a line, then after {@code delay} kills the service (SIGKILL). */
        Matcher awaitLogAndKill(ServiceProcess service, String regex, Duration delay) {
            Matcher matcher;
            if (delay.isZero()) {
                matcher = service.killOnLog(regex, PHASE);
            } else {
                matcher = service.awaitLog(regex, PHASE);
                sleep(delay);
                service.kill();
            }
            note("killed " + service.instance() + (delay.isZero() ? " on" : " " + delay.toMillis() + " ms after")
                    + " /" + regex + "/; last pipeline line: " + shorter(lastPipelineLine()));
            return matcher;
        }

        /** Kills the service the moment (within 20 ms) the inbox holds no file any more. */
        void awaitEmptyInboxAndKill(ServiceProcess service, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!visibleFiles(inbox).isEmpty()) {
                if (!service.isAlive()) {
                    fail("caregap " + service.instance() + " exited before the inbox emptied\n" + service.tail());
                }
                if (System.nanoTime() > deadline) {
                    fail("the inbox did not empty within " + timeout + ": " + visibleFiles(inbox) + "\n" + service.tail());
                }
                sleep(Duration.ofMillis(20));
            }
            service.kill();
            note("killed " + service.instance() + " the instant the inbox emptied; last pipeline line: " + shorter(lastPipelineLine()));
        }

        /** The kill hit the moment it meant to: a line that comes after that moment was not logged. */
        void assertNotLogged(ServiceProcess service, String regex, String what) {
            if (service.countLog(regex) > 0) {
                throw new MissedMoment("The kill came too late to test its moment (" + what + " is not so: /" + regex + "/ was logged)\n"
                        + service.tail());
            }
        }

        /** Waits for the drop to settle, stops the service, and checks the home against the uninterrupted run. */
        void settleLikeTheReference(ServiceProcess service) {
            settleAndRead(service, fixedDrop().files().size(), SETTLE).assertSettledLike(fixedReference(), fixedDrop().files());
        }

        /**
         * Waits until the drop has settled: the inbox is empty, the last pipeline line of the home's logs is the
         * delivery of a run over {@code exports} exports, and no pipeline line came for {@link #STILL}. (If the last
         * start logs nothing at all for 20 s, it had nothing left to do.) Then stops the service and reads the home.
         */
        Snapshot settleAndRead(ServiceProcess service, int exports, Duration timeout) {
            long started = System.nanoTime();
            long deadline = started + timeout.toNanos();
            int lastCount = -1;
            long stillSince = System.nanoTime();
            while (true) {
                if (!service.isAlive()) {
                    fail("caregap " + service.instance() + " exited before the drop settled\n" + service.tail());
                }
                List<String> pipeline = pipelineLines(service);
                if (pipeline.size() != lastCount) {
                    lastCount = pipeline.size();
                    stillSince = System.nanoTime();
                }
                boolean still = System.nanoTime() - stillSince >= STILL.toNanos();
                String last = lastPipelineLine();
                Matcher delivered = last == null ? null : DELIVERED.matcher(last);
                boolean done = delivered != null && delivered.find() && Integer.parseInt(delivered.group(2)) == exports;
                boolean idle = pipeline.isEmpty() && System.nanoTime() - stillSince >= Duration.ofSeconds(20).toNanos();
                // a kill between an export's last commit of identities and its log line leaves no line; identities left
                // pending would have been taken over (and logged) long before the log stood still this long: the
                // snapshot's own checks (none pending, each there once) then decide
                boolean identitiesDone = identitiesWritten() || System.nanoTime() - stillSince >= IDENTITIES_UNLOGGED.toNanos();
                if (visibleFiles(inbox).isEmpty() && still && (done || idle) && identitiesDone) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("the drop did not settle within " + timeout + " (inbox: " + visibleFiles(inbox)
                            + ", last pipeline line: " + last + ")\n" + service.tail());
                }
                sleep(Duration.ofMillis(100));
            }
            note(String.format("settled in %.1f s; last pipeline line: %s", (System.nanoTime() - started) / 1e9,
                    shorter(lastPipelineLine())));
            service.stop();
            note("stopped " + service.instance());
            if (service.countLog("ERROR") > 0) {
                note("errors logged: " + service.logLines().stream().filter(l -> l.contains("ERROR")).limit(5).toList());
            }
            return Snapshot.read(path);
        }

        /**
         * Whether every export an ingest line names, in any start, has had its identities written since (in any start:
         * by the instance that ingested it, or again from its rows after a stop).
         */
        boolean identitiesWritten() {
            Set<String> ingested = new HashSet<>();
            Set<String> written = new HashSet<>();
            for (ServiceProcess start : starts) {
                for (String line : start.logLines()) {
                    Matcher summary = INGESTED_LINE.matcher(line);
                    if (summary.find()) {
                        ingested.add(summary.group(1));
                    }
                    Matcher identities = IDENTITIES_WRITTEN.matcher(line);
                    if (identities.find()) {
                        written.add(identities.group(1));
                    }
                }
            }
            return written.containsAll(ingested);
        }

        /** Waits until this start has logged {@code count} pipeline lines, or the time is up. */
        void awaitPipelineLines(ServiceProcess service, int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (pipelineLines(service).size() < count && service.isAlive() && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(20));
            }
        }

        private static List<String> pipelineLines(ServiceProcess service) {
            return service.logLines().stream().filter(line -> PIPELINE.matcher(line).find()).toList();
        }

        /** The last pipeline line of the newest start that logged one. */
        String lastPipelineLine() {
            for (int i = starts.size() - 1; i >= 0; i--) {
                List<String> pipeline = pipelineLines(starts.get(i));
                if (!pipeline.isEmpty()) {
                    return pipeline.get(pipeline.size() - 1);
                }
            }
            return null;
        }

        /**
         * Per start: its warnings and errors (each once, the first few), and the last lines of the last two starts
         * unless {@code shown} holds them already.
         */
        String logSummaries(String shown) {
            StringBuilder summaries = new StringBuilder();
            for (int i = 0; i < starts.size(); i++) {
                ServiceProcess start = starts.get(i);
                List<String> problems = start.logLines().stream()
                        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .map(CrashRecoveryIT::shorter)
                        .map(line -> line.length() > 300 ? line.substring(0, 300) + " ..." : line)
                        .distinct().limit(6).toList();
                summaries.append("---- ").append(start.logFile().getFileName()).append(": ")
                        .append(problems.isEmpty() ? "no warnings or errors" : "warnings and errors (the first few, each once):\n  "
                                + String.join("\n  ", problems)).append('\n');
                if (i >= starts.size() - 2 && !shown.contains(start.logFile().toString())) {
                    summaries.append(start.tail()).append('\n');
                }
            }
            return summaries.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ the outcome

    /** How the respondents of one home compare with those of another. */
    record Comparison(long lost, long duplicated) {
    }

    /** Per content: respondent rows stored for its ingested exports, and distinct row numbers among them. */
    record Rows(long stored, long distinct) {
    }

    /** What a settled home holds: read from its database (after the service stopped) and its folders. */
    record Snapshot(Map<String, Long> ingestedPerHash, Map<String, Rows> rowsPerHash, long strayRows, long identitiesAmiss,
                    long respondents, long included, Map<String, Long> exportStatuses, List<String> inFlight,
                    String newestRun, long newestRunId, List<String> latestFiles, JsonNode runJson,
                    byte[] latestFigures, List<String> partialFolders, List<String> inbox, List<String> archived,
                    List<String> failed) {

        static Connection open(Path home) throws SQLException {
            return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("data/caregap").toAbsolutePath() + ";IFEXISTS=TRUE", "sa", "");
        }

        /** A stored respondent as its block holds it, with its export's id, content hash and whether it is ingested. */
        record StoredRespondent(long exportId, String contentHash, boolean ingested, RespondentBlock.Row row) {
        }

        static Snapshot read(Path home) {
            try (Connection db = open(home)) {
                Map<String, Long> ingested = new TreeMap<>();
                query(db, "select content_hash, count(*) from survey_export where status = 'INGESTED' group by content_hash",
                        rs -> ingested.put(rs.getString(1), rs.getLong(2)));
                // every stored respondent, decoded from its block, with its export's content and status
                List<StoredRespondent> stored = new ArrayList<>();
                query(db, """
                        select b.export_id, e.content_hash, e.status, b.encoded
                        from respondent_block b left join survey_export e on e.id = b.export_id""",
                        rs -> {
                            long exportId = rs.getLong(1);
                            String hash = rs.getString(2);
                            boolean counts = "INGESTED".equals(rs.getString(3));
                            RespondentBlock.rows(rs.getBytes(4)).forEach(r -> stored.add(new StoredRespondent(exportId, hash, counts, r)));
                        });
                Set<String> duplicates = new HashSet<>();
                query(db, "select export_id, row_no from respondent_duplicate", rs -> duplicates.add(rs.getLong(1) + ":" + rs.getLong(2)));
                Map<String, Rows> rows = new TreeMap<>();
                stored.stream().filter(StoredRespondent::ingested).collect(Collectors.groupingBy(StoredRespondent::contentHash))
                        .forEach((hash, held) -> rows.put(hash, new Rows(held.size(),
                                held.stream().mapToLong(r -> r.row().row()).distinct().count())));
                long stray = stored.stream().filter(r -> !r.ingested()).count();
                Map<String, Long> statuses = new TreeMap<>();
                query(db, "select status, count(*) from survey_export group by status", rs -> statuses.put(rs.getString(1), rs.getLong(2)));
                List<String> inFlight = new ArrayList<>();
                query(db, "select id, file_name, status, owner from survey_export where status = 'READING'",
                        rs -> inFlight.add("export " + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " (" + rs.getString(4) + ")"));
                query(db, "select id, file_name, owner from survey_export where identities_pending",
                        rs -> inFlight.add("export " + rs.getLong(1) + " " + rs.getString(2) + " with its identities pending ("
                                + rs.getString(3) + ")"));
                query(db, "select id, status, owner from study_run where status in ('REQUESTED', 'COMPUTING', 'COMPUTED')",
                        rs -> inFlight.add("run " + rs.getLong(1) + " " + rs.getString(2) + " (" + rs.getString(3) + ")"));
                query(db, "select id, run_id, deliverable, status, attempts, reason from delivery where status = 'PENDING'",
                        rs -> inFlight.add("delivery " + rs.getLong(1) + " of run " + rs.getLong(2) + " " + rs.getString(3)
                                + " PENDING after " + rs.getInt(5) + " attempts (" + rs.getString(6) + ")"));
                String[] newest = {null};
                long[] newestId = {-1};
                query(db, "select id, status, reason from study_run where id = (select max(id) from study_run where study = '" + STUDY + "')",
                        rs -> {
                            newestId[0] = rs.getLong(1);
                            newest[0] = rs.getString(2) + (rs.getString(3) == null ? "" : " (" + rs.getString(3) + ")");
                        });
                Path results = home.resolve("results").resolve(STUDY);
                Path latest = results.resolve("latest");
                List<String> latestFiles = Files.isDirectory(latest) ? names(Files.list(latest)) : List.of();
                JsonNode runJson = Files.isRegularFile(latest.resolve("run.json"))
                        ? new ObjectMapper().readTree(latest.resolve("run.json").toFile()) : null;
                byte[] figures = Files.isRegularFile(latest.resolve("figures.csv")) ? Files.readAllBytes(latest.resolve("figures.csv")) : null;
                List<String> partial = Files.isDirectory(home.resolve("results"))
                        ? names(Files.walk(home.resolve("results")).filter(p -> p.getFileName().toString().endsWith(".partial")))
                        : List.of();
                List<String> archived = Files.isDirectory(home.resolve("archive"))
                        ? names(Files.walk(home.resolve("archive")).filter(Files::isRegularFile)) : List.of();
                List<String> failed = Files.isDirectory(home.resolve("failed"))
                        ? names(Files.walk(home.resolve("failed")).filter(Files::isRegularFile)) : List.of();
                long identitiesAmiss = count(db, """
                        select count(*) from respondent_identity i
                        where not exists (select 1 from survey_export e where e.id = i.export_id and e.status = 'INGESTED')""")
                        // each included respondent with an id and a segment of an ingested export has one identity
                        + Math.abs(count(db, "select count(*) from respondent_identity") - stored.stream()
                                .filter(r -> r.ingested() && r.row().included() && r.row().respondentId() != null
                                        && r.row().segment() != null).count());
                return new Snapshot(ingested, rows, stray, identitiesAmiss, stored.size(),
                        stored.stream().filter(r -> r.row().included()
                                && !duplicates.contains(r.exportId() + ":" + r.row().row())).count(),
                        statuses, inFlight, newest[0], newestId[0], latestFiles, runJson, figures, partial,
                        visibleFiles(home.resolve("inbox")), archived, failed);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("could not read the settled home " + home + ": " + e.getMessage(), e);
            }
        }

        /** The reference run itself went as it should: every file ingested once, delivered, nothing failed. */
        void assertComplete(List<Path> files) {
            List<String> faults = new ArrayList<>();
            if (ingestedPerHash.size() != files.size()) {
                faults.add(ingestedPerHash.size() + " contents ingested, not " + files.size() + " (exports: " + exportStatuses + ")");
            }
            if (latestFigures == null) {
                faults.add("no latest/figures.csv");
            }
            if (!"DELIVERED".equals(newestRun)) {
                faults.add("its newest run is " + newestRun);
            }
            if (!failed.isEmpty()) {
                faults.add("failed/ holds " + failed);
            }
            if (!faults.isEmpty()) {
                fail("The uninterrupted run is no reference: " + String.join("; ", faults));
            }
        }

        Comparison compareRespondents(Snapshot expected) {
            long lost = 0;
            long duplicated = strayRows;
            for (Map.Entry<String, Rows> entry : expected.rowsPerHash.entrySet()) {
                Rows actual = rowsPerHash.getOrDefault(entry.getKey(), new Rows(0, 0));
                lost += Math.max(0, entry.getValue().distinct() - actual.distinct());
            }
            for (Map.Entry<String, Rows> entry : rowsPerHash.entrySet()) {
                Rows actual = entry.getValue();
                duplicated += expected.rowsPerHash.containsKey(entry.getKey()) ? actual.stored() - actual.distinct() : actual.stored();
            }
            return new Comparison(lost, duplicated);
        }

        /** Every check of a settled crashed drop against the uninterrupted one; all faults in one message. */
        void assertSettledLike(Snapshot expected, List<Path> files) {
            List<String> faults = new ArrayList<>();
            if (!ingestedPerHash.keySet().equals(expected.ingestedPerHash.keySet())) {
                faults.add("ingested contents differ: " + ingestedPerHash.keySet() + " instead of " + expected.ingestedPerHash.keySet());
            }
            ingestedPerHash.forEach((hash, count) -> {
                if (count != 1) {
                    faults.add("content " + hash + " ingested " + count + " times");
                }
            });
            if (identitiesAmiss != 0) {
                faults.add(identitiesAmiss + " identities left of exports not ingested, missing, or stored twice");
            }
            Comparison comparison = compareRespondents(expected);
            if (comparison.lost() != 0 || comparison.duplicated() != 0) {
                faults.add(comparison.lost() + " respondent rows lost, " + comparison.duplicated() + " stored twice or left over ("
                        + strayRows + " of exports not ingested)");
            }
            if (respondents != expected.respondents) {
                faults.add(respondents + " respondents stored, not " + expected.respondents);
            }
            if (included != expected.included) {
                faults.add(included + " respondents included, not " + expected.included);
            }
            if (!inFlight.isEmpty()) {
                faults.add("left in flight: " + inFlight);
            }
            if (!"DELIVERED".equals(newestRun)) {
                faults.add("the newest run is " + newestRun + ", not DELIVERED");
            }
            if (!latestFiles.containsAll(RESULT_FILES)) {
                faults.add("latest/ holds " + latestFiles + ", not all of " + RESULT_FILES);
            }
            if (runJson == null) {
                faults.add("latest/run.json is missing");
            } else {
                if (runJson.path("runId").asLong(-2) != newestRunId) {
                    faults.add("latest/run.json is run " + runJson.path("runId") + ", not the newest run " + newestRunId);
                }
                if (runJson.path("exports").size() != files.size()) {
                    faults.add("latest/run.json covers " + runJson.path("exports").size() + " exports, not " + files.size());
                }
            }
            if (latestFigures == null || !Arrays.equals(latestFigures, expected.latestFigures)) {
                faults.add("latest/figures.csv differs from the uninterrupted run's" + (latestFigures == null ? " (missing)"
                        : ": first difference at byte " + Arrays.mismatch(latestFigures, expected.latestFigures)));
            }
            if (!partialFolders.isEmpty()) {
                faults.add("partial folders left: " + partialFolders);
            }
            if (!inbox.isEmpty()) {
                faults.add("the inbox still holds " + inbox);
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (archived.stream().noneMatch(a -> a.equals(name) || a.endsWith("-" + name))) {
                    faults.add(name + " is not in archive/ (archive holds " + archived + ")");
                }
            }
            if (!failed.isEmpty()) {
                faults.add("failed/ holds " + failed);
            }
            if (!faults.isEmpty()) {
                fail(faults.size() + " fault(s) after the crashes, against the uninterrupted run:\n- " + String.join("\n- ", faults)
                        + "\nexports by status: " + exportStatuses);
            }
        }

        private interface Row {
            void accept(ResultSet rs) throws SQLException;
        }

        private static void query(Connection db, String sql, Row row) throws SQLException {
            try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }

        private static long count(Connection db, String sql) throws SQLException {
            long[] count = {0};
            query(db, sql, rs -> count[0] = rs.getLong(1));
            return count[0];
        }

        private static List<String> names(Stream<Path> paths) {
            try (paths) {
                return paths.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A log line without its time, level, thread and logger: the instance and the message. */
    private static String shorter(String line) {
        if (line == null) {
            return "none";
        }
        int message = line.indexOf(" : ");
        int instance = line.indexOf('[');
        return (instance < 0 ? "" : line.substring(instance, line.indexOf(']', instance) + 1) + " ")
                + (message < 0 ? line : line.substring(message + 3));
    }

    /** The files of a folder a person would see (hidden ones, such as a tool's lock folder, left out). */
    private static List<String> visibleFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
