package dev.caregap.it;

import dev.caregap.figures.Figure;
import dev.caregap.it.SeveralInstancesExports.Staged;
import dev.caregap.it.service.ServiceProcess;
import dev.caregap.testing.PostgresServer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the service, each its own JVM, on one embedded PostgreSQL and one shared home folder (one
 * inbox, archive, failed and results). About 200 small exports, some of them the same content under other names,
 * and one big export are dropped into the inbox at once; the instance that starts reading the big one is killed
 * (SIGKILL) part-way through it. The other two must finish its work once its lease (3 s) ran out. When everything
 * has settled, the database is asked directly what happened to every file, and the figures are compared with what a
 * single reader of the distinct exports computes with the domain core alone.
 *
 * <p>{@code -Dcaregap.it.keep=true} keeps the home folder (the instances' logs are in {@code logs/}) for a look after
 * a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralInstancesIT {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String STUDY = "care-gap";
    static final List<String> INSTANCES = List.of("a", "b", "c");
    /** 180; a smaller drop only to look into a failure quickly ({@code -Dcaregap.several.small-files=30}). */
    static final int SMALL_FILES = Integer.getInteger("caregap.several.small-files", 180);
    static final int COPIES = 20;
    /** Big enough that reading and storing it takes a few seconds, so the kill lands part-way through. */
    static final int BIG_RESPONDENTS = 40_000;

    static final Duration READY = Duration.ofSeconds(150);
    static final Duration BIG_FILE_READ_WITHIN = Duration.ofSeconds(120);
    static final Duration SETTLED_WITHIN = Duration.ofSeconds(180);
    /** Longer than a run's quiet time (2 s by default): a settled state must hold still this long. */
    static final Duration STILL_FOR = Duration.ofSeconds(5);

    static final Pattern INGESTED_LINE = Pattern.compile("Export (\\d+) (.+?) \\(.*\\): [\\d,]+ respondents read");

    private final PostgresServer postgres = new PostgresServer();
    private JdbcTemplate db;
    private Path home;
    private Path staging;
    private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
    private final Map<String, LogTail> logs = new LinkedHashMap<>();
    private SeveralInstancesExports drop;
    private SeveralInstancesReference reference;

    /** The instance killed while it read the big file, and the export it was reading. */
    private String killed;
    private long interruptedExport;
    private final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    void threeInstancesTakeOneDropWhileOneOfThemIsKilled() throws Exception {
        long start = System.nanoTime();
        postgres.start();
        db = new JdbcTemplate(postgres.postgresDatabase());
        home = Files.createTempDirectory("caregap-several-");
        staging = Files.createTempDirectory("caregap-several-staging-");
        List<String> args = List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl() + "&reWriteBatchedInserts=true",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--caregap.work.lease=3s");
        for (String instance : INSTANCES) {
            instances.put(instance, ServiceProcess.start(home, instance, args));
        }
        lap("postgres up, instances forked", start);

        // while the instances start: the drop, and what a single reader makes of it
        long t = System.nanoTime();
        drop = SeveralInstancesExports.write(staging, SMALL_FILES, COPIES, BIG_RESPONDENTS);
        lap("drop written (" + drop.all().size() + " files)", t);
        t = System.nanoTime();
        reference = SeveralInstancesReference.of(PROJECT.resolve("studies"), STUDY,
                drop.distinct().stream().map(Staged::file).toList());
        lap("reference computed (" + reference.rows + " rows, " + reference.included + " included)", t);

        t = System.nanoTime();
        for (ServiceProcess instance : instances.values()) {
            instance.awaitReady(READY);
        }
        for (ServiceProcess instance : instances.values()) {
            logs.put(instance.instance(), new LogTail(instance.logFile()));
        }
        lap("instances ready", t);

        // the drop: every file moved into the inbox at once (renames on one file system)
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        t = System.nanoTime();
        for (Staged file : drop.dropOrder()) {
            Files.move(file.file(), inbox.resolve(file.name()), StandardCopyOption.ATOMIC_MOVE);
        }
        lap("dropped", t);

        killWhoeverReadsTheBigFile();
        lap("big file read, its reader killed", t);
        awaitSettled();
        lap("settled", t);
        lap("whole scenario", start);
        System.out.println("SeveralInstancesIT: " + timings.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining("; ")));
    }

    @AfterAll
    void stopEverything() throws IOException {
        ServiceProcess.closeAll(instances.values(), "SeveralInstancesIT");
        postgres.close();
        if (Boolean.getBoolean("caregap.it.keep")) {
            System.out.println("SeveralInstancesIT: kept " + home + " and " + staging);
            return;
        }
        deleteTree(staging);
        deleteTree(home);
    }

    // --- the checks ------------------------------------------------------------------------------

    @Test
    void eachDistinctExportIsIngestedExactlyOnceAndNoneIsRejected() {
        List<String> wrong = new ArrayList<>();
        for (Staged file : drop.distinct()) {
            List<Long> ingested = db.queryForList(
                    "select id from survey_export where content_hash = ? and status = 'INGESTED'", Long.class, file.hash());
            if (ingested.size() != 1) {
                wrong.add(file.name() + " ingested " + ingested.size() + " times (exports " + ingested + ")");
            }
        }
        assertThat(wrong).as("distinct exports not ingested exactly once").isEmpty();
        assertThat(db.queryForList("select file_name || ': ' || coalesce(reason, '') from survey_export where status = 'REJECTED'",
                String.class)).as("rejected exports").isEmpty();
        Set<String> dropped = drop.filesPerHash().keySet();
        assertThat(db.queryForList("select distinct content_hash from survey_export", String.class))
                .as("content hashes recorded").allMatch(dropped::contains);
    }

    @Test
    void eachDroppedFileIsTakenByOneInstanceOnly() {
        // an interrupted export is the one taking-over that is expected: its file is read again
        Map<String, List<String>> records = new TreeMap<>();
        db.query("select file_name, id, status, owner from survey_export where status <> 'INTERRUPTED' order by id", rs -> {
            records.computeIfAbsent(rs.getString("file_name"), f -> new ArrayList<>())
                    .add("export " + rs.getLong("id") + " " + rs.getString("status") + " by " + rs.getString("owner"));
        });
        List<String> wrong = new ArrayList<>();
        for (Staged file : drop.all()) {
            List<String> taken = records.getOrDefault(file.name(), List.of());
            if (taken.size() != 1) {
                wrong.add(file.name() + " taken " + taken.size() + " times: " + taken);
            }
        }
        assertThat(wrong).as("dropped files not recorded exactly once (besides interrupted reads)").isEmpty();
        assertThat(records).hasSize(drop.all().size());
    }

    @Test
    void everyCopyUnderAnotherNameIsRecordedAsARepeatOfTheSameContent() {
        assertThat(count("select count(*) from survey_export where status = 'REPEAT'"))
                .as("exports recorded as repeats").isEqualTo(COPIES);
        List<String> wrong = new ArrayList<>();
        drop.filesPerHash().forEach((hash, files) -> {
            long repeats = count("select count(*) from survey_export where content_hash = ? and status = 'REPEAT'", hash);
            if (repeats != files - 1) {
                wrong.add(hash + " (" + files + " files): " + repeats + " repeats");
            }
        });
        assertThat(wrong).as("repeats per content").isEmpty();
        assertThat(db.queryForList("""
                select r.file_name from survey_export r left join survey_export o on o.id = r.repeat_of
                where r.status = 'REPEAT' and (o.id is null or o.content_hash <> r.content_hash)""", String.class))
                .as("repeats that do not point at an export of the same content").isEmpty();
    }

    @Test
    void theStoredRespondentsAreExactlyTheRowsOfTheDistinctExports() {
        assertThat(count("select coalesce(sum(respondents), 0) from respondent_block")).as("respondents stored").isEqualTo(reference.rows);
        Map<String, Long> rowsByHash = new LinkedHashMap<>();
        drop.distinct().forEach(f -> rowsByHash.put(f.hash(), reference.rowsPerFile.get(f.file().getFileName().toString())));
        List<String> wrong = new ArrayList<>();
        db.query("""
                select e.id, e.file_name, e.content_hash, e.rows_read,
                       (select coalesce(sum(r.respondents), 0) from respondent_block r where r.export_id = e.id) as stored
                from survey_export e where e.status = 'INGESTED'""", rs -> {
            long expected = rowsByHash.getOrDefault(rs.getString("content_hash"), -1L);
            if (rs.getLong("rows_read") != expected || rs.getLong("stored") != expected) {
                wrong.add("export " + rs.getLong("id") + " " + rs.getString("file_name") + ": rows_read "
                        + rs.getLong("rows_read") + ", stored " + rs.getLong("stored") + ", file has " + expected);
            }
        });
        assertThat(wrong).as("ingested exports whose rows are not the file's").isEmpty();
        assertThat(db.queryForList("""
                select distinct e.file_name || ' (' || e.status || ')' from respondent_block r join survey_export e on e.id = r.export_id
                where e.status <> 'INGESTED'""", String.class)).as("rows kept of exports not ingested").isEmpty();
    }

    @Test
    void theExportOfTheKilledInstanceIsInterruptedWithItsRowsRemoved() {
        assertThat(db.queryForObject("select status from survey_export where id = ?", String.class, interruptedExport))
                .as("status of export " + interruptedExport + ", which instance " + killed + " was reading when killed")
                .isEqualTo("INTERRUPTED");
        assertThat(count("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", interruptedExport))
                .as("rows of the interrupted export").isZero();
        Pattern interrupted = Pattern.compile("Export " + interruptedExport + " .*was interrupted");
        assertThat(survivors().stream().mapToLong(i -> lines(i, interrupted)).sum())
                .as("survivors' log lines saying export " + interruptedExport + " was interrupted").isEqualTo(1);
    }

    @Test
    void theBigFileIsIngestedOnceByAnotherInstanceAfterTheLease() {
        Staged big = drop.big();
        List<Map<String, Object>> ingested = db.queryForList(
                "select id, owner, rows_read from survey_export where content_hash = ? and status = 'INGESTED'", big.hash());
        assertThat(ingested).as("ingested exports of the big file").hasSize(1);
        Map<String, Object> export = ingested.get(0);
        assertThat(((Number) export.get("rows_read")).longValue()).isEqualTo(BIG_RESPONDENTS);
        long id = ((Number) export.get("id")).longValue();
        assertThat(id).as("the big file's ingested export is a new one").isNotEqualTo(interruptedExport);
        List<String> committedBy = new ArrayList<>();
        instances.forEach((name, instance) -> {
            if (lines(name, Pattern.compile("Export " + id + " " + Pattern.quote(SeveralInstancesExports.BIG_FILE)
                    + " \\(.*respondents read")) > 0) {
                committedBy.add(name);
            }
        });
        assertThat(committedBy).as("instances logging the big file's commit").hasSize(1).doesNotContain(killed);
        if (export.get("owner") != null) {
            assertThat(export.get("owner")).as("owner of the big file's ingested export").isEqualTo(committedBy.get(0));
        }
    }

    @Test
    void nothingIsLeftReadingFailedOrInTheInbox() throws IOException {
        assertThat(db.queryForList("select file_name || ' (' || coalesce(owner, '?') || ')' from survey_export where status = 'READING'",
                String.class)).as("exports left READING").isEmpty();
        assertThat(files(home.resolve("inbox"))).as("files left in the inbox").isEmpty();
        assertThat(files(home.resolve("failed"))).as("files in failed/").isEmpty();
        assertThat(db.queryForList("select id || ' ' || status from study_run where status = 'FAILED'", String.class))
                .as("failed runs").isEmpty();
        assertThat(db.queryForList("select run_id || ' ' || deliverable || ' ' || status from delivery where status <> 'DONE'",
                String.class)).as("deliveries not done").isEmpty();
    }

    @Test
    void theExportsWereIngestedByAtLeastTwoInstances() {
        Map<String, Long> byOwner = new TreeMap<>();
        db.query("select owner, count(*) from survey_export where status = 'INGESTED' and owner is not null group by owner",
                rs -> {
                    byOwner.put(rs.getString(1), rs.getLong(2));
                });
        if (byOwner.isEmpty()) {  // the owner is not kept after ingestion: the instances' own log lines tell
            INSTANCES.forEach(name -> byOwner.put(name, lines(name, INGESTED_LINE)));
            byOwner.values().removeIf(n -> n == 0);
        }
        System.out.println("SeveralInstancesIT: ingested exports by instance " + byOwner);
        assertThat(byOwner.keySet()).as("instances that ingested exports").hasSizeGreaterThanOrEqualTo(2);
        assertThat(byOwner.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(drop.distinct().size());
    }

    @Test
    void theFinalFiguresEqualThoseOfASingleReaderOfTheDistinctExports() throws IOException {
        Path latest = home.resolve("results").resolve(STUDY).resolve("latest");
        Map<String, CSVRecord> published = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(BOMInputStream.builder().setPath(latest.resolve("figures.csv")).get(),
                StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (row.get("breakdown").equals(Figure.TOTAL)) {
                    published.put(SeveralInstancesReference.key(row.get("figure"), row.get("question"), row.get("answer")), row);
                }
            }
        }
        assertThat(published.keySet()).as("total figures published").containsExactlyInAnyOrderElementsOf(reference.totals.keySet());
        List<String> wrong = new ArrayList<>();
        reference.totals.forEach((key, expected) -> {
            CSVRecord row = published.get(key);
            boolean gap = expected.measure() == dev.caregap.study.Measure.GAP;
            if (!gap && (!row.get("count").equals(Long.toString(expected.count()))
                    || !row.get("base").equals(Long.toString(expected.base())))) {
                wrong.add(key + ": " + row.get("count") + "/" + row.get("base") + ", a single reader: "
                        + expected.count() + "/" + expected.base());
            }
            if (!Double.isNaN(expected.share()) && Math.abs(Double.parseDouble(row.get("share")) - expected.share()) > 5.1e-7) {
                wrong.add(key + ": share " + row.get("share") + ", a single reader: " + expected.share());
            }
        });
        assertThat(wrong).as("total figures that differ from a single reader's").isEmpty();
        Figure careGap = reference.totals.get(SeveralInstancesReference.key("care_gap", null, null));
        assertThat(careGap).as("the reference has the care gap").isNotNull();
        assertThat(Double.parseDouble(published.get(SeveralInstancesReference.key("care_gap", null, null)).get("share")))
                .as("care gap").isCloseTo(careGap.share(), org.assertj.core.data.Offset.offset(5.1e-7));
    }

    @Test
    void theNewestRunIsDeliveredOverEveryIngestedExportAndLatestPointsAtIt() throws IOException {
        Map<String, Object> run = db.queryForMap(
                "select id, status, respondents_included from study_run where study = ? order by id desc limit 1", STUDY);
        long runId = ((Number) run.get("id")).longValue();
        assertThat(run.get("status")).isEqualTo("DELIVERED");
        assertThat(((Number) run.get("respondents_included")).longValue()).as("respondents included in run " + runId)
                .isEqualTo(reference.included);
        assertThat(count("select count(*) from run_export where run_id = ?", runId)).as("exports covered by run " + runId)
                .isEqualTo(count("select count(*) from survey_export where status = 'INGESTED' and study = ?", STUDY));
        Path results = home.resolve("results").resolve(STUDY);
        assertThat(results.resolve("latest").toRealPath().getFileName().toString()).as("latest")
                .isEqualTo(String.format("run-%05d", runId));
        assertThat(Files.readString(results.resolve("LATEST.txt")).strip()).as("LATEST.txt")
                .contains(String.format("run-%05d", runId));
        String delivered = "Run " + runId + " of " + STUDY + " delivered: " + drop.distinct().size() + " exports, "
                + String.format(Locale.ROOT, "%,d", reference.included) + " respondents";
        assertThat(INSTANCES.stream().mapToLong(i -> lines(i, Pattern.compile(Pattern.quote(delivered)))).sum())
                .as("log lines \"" + delivered + "\"").isEqualTo(1);
    }

    // --- the scenario ----------------------------------------------------------------------------

    /** Waits for an instance to log that it starts reading the big file, and kills that instance at once. */
    private void killWhoeverReadsTheBigFile() throws InterruptedException, IOException {
        Pattern reading = Pattern.compile("Reading export (\\d+) " + Pattern.quote(SeveralInstancesExports.BIG_FILE));
        long deadline = System.nanoTime() + BIG_FILE_READ_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, LogTail> log : logs.entrySet()) {
                for (String line : log.getValue().newLines()) {
                    Matcher m = reading.matcher(line);
                    if (m.find()) {
                        instances.get(log.getKey()).kill();
                        killed = log.getKey();
                        interruptedExport = Long.parseLong(m.group(1));
                        System.out.println("SeveralInstancesIT: killed instance " + killed + " reading export "
                                + interruptedExport + ": " + line);
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No instance logged \"Reading export <id> " + SeveralInstancesExports.BIG_FILE
                + "\" within " + BIG_FILE_READ_WITHIN + "\n" + state());
    }

    /**
     * Settled: none of the dropped files is left in the inbox, no export is READING, no run is waiting, computing or
     * undelivered, no delivery is pending, the newest run is DELIVERED, and all that holds still for {@link #STILL_FOR}.
     */
    private void awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLED_WITHIN.toNanos();
        String stillSince = null;
        long stillAt = 0;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            String settled = null;
            try {
                settled = settledState();
                lastError = null;
            } catch (RuntimeException e) {  // a table the core has not made yet, a busy connection
                lastError = e;
            }
            if (settled == null) {
                stillSince = null;
            } else if (!settled.equals(stillSince)) {
                stillSince = settled;
                stillAt = System.nanoTime();
            } else if (System.nanoTime() - stillAt >= STILL_FOR.toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The instances did not settle within " + SETTLED_WITHIN
                + (lastError == null ? "" : " (last query error: " + lastError + ")") + "\n" + state());
    }

    /** A snapshot of the settled database, or null when work is still going on. */
    private String settledState() {
        Path inbox = home.resolve("inbox");
        if (drop.all().stream().anyMatch(f -> Files.exists(inbox.resolve(f.name())))) {
            return null;
        }
        if (count("select count(*) from survey_export where status = 'READING'") > 0
                || count("select count(*) from study_run where status in ('REQUESTED', 'COMPUTING', 'COMPUTED')") > 0
                || count("select count(*) from delivery where status = 'PENDING'") > 0) {
            return null;
        }
        List<String> newest = db.queryForList("select status from study_run where study = ? order by id desc limit 1",
                String.class, STUDY);
        if (newest.isEmpty() || !newest.get(0).equals("DELIVERED")) {
            return null;
        }
        return count("select count(*) from survey_export") + " exports, last " + count("select coalesce(max(id), 0) from survey_export")
                + "; last run " + count("select coalesce(max(id), 0) from study_run");
    }

    /** What a failure message needs: the database's counts, the folders, and each instance's warnings. */
    private String state() {
        StringBuilder s = new StringBuilder();
        try {
            s.append("exports by status: ").append(db.queryForList(
                    "select status || '=' || count(*) from survey_export group by status", String.class)).append('\n');
            s.append("newest runs: ").append(db.queryForList(
                    "select id || ' ' || status || ' ' || coalesce(owner, '-') from study_run order by id desc limit 5",
                    String.class)).append('\n');
            s.append("deliveries by status: ").append(db.queryForList(
                    "select status || '=' || count(*) from delivery group by status", String.class)).append('\n');
        } catch (RuntimeException e) {
            s.append("(database: ").append(e).append(")\n");
        }
        try {
            s.append("inbox: ").append(files(home.resolve("inbox"))).append('\n');
            s.append("failed: ").append(files(home.resolve("failed"))).append('\n');
        } catch (IOException e) {
            s.append("(folders: ").append(e).append(")\n");
        }
        instances.forEach((name, instance) -> {
            s.append("instance ").append(name).append(instance.isAlive() ? " (alive)" : " (dead)").append(", ")
                    .append(instance.logFile()).append(":\n");
            // each warning once (the text after the thread name), the last ones
            Map<String, String> distinct = new LinkedHashMap<>();
            instance.logLines().stream()
                    .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"))
                    .forEach(l -> distinct.putIfAbsent(l.replaceFirst("^\\S+\\s+", "").replaceAll("\\d", "#"), l));
            List<String> lines = List.copyOf(distinct.values());
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> s.append("  ").append(l).append('\n'));
        });
        return s.toString();
    }

    // --- helpers -----------------------------------------------------------------------------------

    private List<String> survivors() {
        return INSTANCES.stream().filter(i -> !i.equals(killed)).toList();
    }

    /** Lines of an instance's log in which the pattern is found. */
    private long lines(String instance, Pattern pattern) {
        return instances.get(instance).logLines().stream().filter(l -> pattern.matcher(l).find()).count();
    }

    private long count(String sql, Object... args) {
        Long n = db.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private void lap(String what, long since) {
        timings.put(what, Duration.ofNanos(System.nanoTime() - since).toMillis());
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Reads the lines a log file gained since the last call. */
    private static final class LogTail {
        private final Path file;
        private long offset;
        private final StringBuilder partial = new StringBuilder();

        LogTail(Path file) {
            this.file = Objects.requireNonNull(file);
        }

        List<String> newLines() throws IOException {
            if (!Files.exists(file)) {
                return List.of();
            }
            byte[] bytes;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long length = in.length();
                if (length <= offset) {
                    return List.of();
                }
                bytes = new byte[(int) (length - offset)];
                in.seek(offset);
                in.readFully(bytes);
                offset = length;
            }
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, end));
                partial.delete(0, end + 1);
            }
            return lines;
        }
    }
}
