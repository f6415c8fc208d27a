package dev.caregap.bench;

import dev.caregap.cleaning.Cleaned;
import dev.caregap.cleaning.Cleaner;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Respondent;
import dev.caregap.results.Folders;
import dev.caregap.sample.SyntheticExport;
import dev.caregap.study.Question;
import dev.caregap.store.AnswerCodes;
import dev.caregap.store.IdentityHash;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The benchmark mode {@code engines}: which embedded store serves the respondent rows best. The same cleaned rows of
 * one generated export (read and cleaned by the service's own reader and cleaner, staged once in a RowFile) are
 * loaded into each store with the service's table and indexes, committing every C rows durably; then the lookup the
 * duplicates settling needs (rows of the same identity, for a sample of the new ids) and a count. Then each store is
 * killed (SIGKILL) part-way through a load and checked, and the service's migrations are tried on SQLite and DuckDB.
 * Changes nothing the service does.
 */
@Component
@Profile("benchmark")
class StoreEngines {

    private static final int SAMPLE = 1_000;
    private static final int JOIN_TIMEOUT_SECONDS = 180;

    private final ExportReader reader;
    private final long respondents;
    private final Path workFolder;
    private final List<String> selected;
    private final long killRows;
    private final int kills;

    StoreEngines(ExportReader reader,
                 @Value("${caregap.benchmark.respondents:200000}") long respondents,
                 @Value("${caregap.benchmark.folder}") Path workFolder,
                 @Value("${caregap.benchmark.engines:}") String selected,
                 @Value("${caregap.benchmark.kill-rows:200000}") long killRows,
                 @Value("${caregap.benchmark.kills:3}") int kills) {
        this.reader = reader;
        this.respondents = respondents;
        this.workFolder = workFolder;
        this.selected = Arrays.stream(selected.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.killRows = killRows;
        this.kills = kills;
    }

    /** A store's measurements. */
    private record Loaded(StoreEngine engine, long rows, double loadSeconds, double identitySeconds, double indexSeconds,
                          double lookupSeconds, long lookupRows, double joinSeconds, long joinRows, double countSeconds, long count,
                          long bytesOpen, long bytesClosed) {
        double total() {
            return loadSeconds + identitySeconds + indexSeconds;
        }
    }

    void run() throws Exception {
        uptime("start");
        Path folder = workFolder.resolve("engines-" + UUID.randomUUID());
        Files.createDirectories(folder);
        Path export = folder.resolve("qualtrics-consumers-" + respondents + ".csv");
        Path rows = folder.resolve("rows.bin");
        System.out.printf(Locale.ROOT, "Generating a Qualtrics export of %,d consumers (scattered ids): %s%n", respondents, export);
        SyntheticExport.writeQualtrics(export, "consumer", respondents, 0, 42L);
        List<String[]> sample = new ArrayList<>();
        long start = System.nanoTime();
        long staged = stage(export, rows, sample);
        System.out.printf(Locale.ROOT, "Read and cleaned %,d rows by the service's reader and cleaner in %.2f s; CSV %.1f MB, "
                + "staged rows %.1f MB (answers as AnswerCodes writes them)%n", staged, (System.nanoTime() - start) / 1e9,
                size(export) / 1e6, size(rows) / 1e6);
        start = System.nanoTime();
        try (RowFile.Reader all = new RowFile.Reader(rows, Long.MAX_VALUE)) {
            all.forEachRemaining(row -> { });
        }
        System.out.printf(Locale.ROOT, "Reading the staged rows alone (part of every load below): %.2f s%n",
                (System.nanoTime() - start) / 1e9);

        warmUp(folder, rows);
        List<Loaded> loaded = new ArrayList<>();
        for (StoreEngine engine : engines()) {
            System.out.printf(Locale.ROOT, "  loading %s ...%n", engine.name());
            Loaded result = load(engine, folder.resolve(engine.name()), rows, sample);
            loaded.add(result);
            System.out.printf(Locale.ROOT, "  %s: %.2f s, %,.0f rows/s%n", engine.name(), result.total(), result.rows() / result.total());
            Folders.delete(folder.resolve(engine.name()));
        }
        printLoads(loaded, size(export));

        if (kills > 0) {
            killEach(folder, rows, Math.min(killRows, staged));
        }

        System.out.printf(Locale.ROOT, "%nOne set of migrations with PostgreSQL (and H2): the same files on the other engines%n");
        MigrationCheck.check(StoreEngine.Kind.SQLITE, "SQLite " + version(StoreEngine.Kind.SQLITE), folder);
        MigrationCheck.check(StoreEngine.Kind.DUCKDB, "DuckDB " + version(StoreEngine.Kind.DUCKDB), folder);

        Folders.delete(folder);
        uptime("end");
    }

    /** Each store killed part-way through a load, {@link #kills} times at even shares of it, then opened again. */
    private void killEach(Path folder, Path rows, long killLimit) throws IOException {
        System.out.printf(Locale.ROOT, "%nDurability under kill -9: a JVM of its own loads %,d rows, printing each commit; "
                + "SIGKILL once it reported a share of them (plus 0 to 50 ms), then the store is opened again%n", killLimit);
        System.out.printf(Locale.ROOT, "  %-22s %9s %10s %10s %10s  %s%n", "store", "killed at", "reported", "found",
                "of those", "opens / integrity");
        Random random = new Random(7);
        for (StoreEngine engine : engines()) {
            // DuckDB's row-by-row batch insert takes minutes for the full count; its commits are the Appender's
            long limit = engine.kind() == StoreEngine.Kind.DUCKDB && !engine.appender() ? Math.min(killLimit, 20_000) : killLimit;
            for (int k = 1; k <= kills; k++) {
                long killAt = limit * k / (kills + 1);
                Path killFolder = folder.resolve("kill-" + engine.name() + "-" + k);
                EngineKill.Outcome outcome = EngineKill.run(engine, killFolder, rows, limit, killAt, random.nextInt(51));
                System.out.printf(Locale.ROOT, "  %-22s %9s %,10d %,10d %,10d  %s%s%s%n", engine.name(),
                        String.format(Locale.ROOT, "%,d", killAt), outcome.reported(), outcome.found(), outcome.reportedFound(),
                        outcome.check(), outcome.finishedFirst() ? " (finished before the kill)" : "",
                        outcome.durable() ? "" : "  NOT DURABLE: see " + killFolder.resolve("child.log"));
                if (outcome.durable()) {
                    Folders.delete(killFolder);
                }
            }
        }

    }

    /**
     * A short untimed load into each kind of store first, so the first store timed does not pay for this JVM's warm-up
     * (DuckDB's row-by-row batch insert is slow: a few rows warm it).
     */
    private void warmUp(Path folder, Path rows) throws SQLException, IOException {
        List<String> warmed = new ArrayList<>();
        for (StoreEngine engine : engines()) {
            String key = engine.kind() + "-" + engine.appender();
            if (warmed.contains(key)) {
                continue;
            }
            warmed.add(key);
            Path dir = folder.resolve("warm-up-" + key);
            Files.createDirectories(dir);
            try (Connection connection = engine.open(dir); RowFile.Reader some = new RowFile.Reader(rows,
                    engine.kind() == StoreEngine.Kind.DUCKDB && !engine.appender() ? 1_000 : 10_000)) {
                engine.createTable(connection);
                engine.load(connection, some, (n, last) -> { });
            }
            Folders.delete(dir);
        }
    }

    private List<StoreEngine> engines() {
        return selected.isEmpty() ? StoreEngine.all() : selected.stream().map(StoreEngine::named).toList();
    }

    /** Reads and cleans the export as the service does, writing each respondent as the service would store it. */
    private long stage(Path export, Path rows, List<String[]> sample) {
        long every = Math.max(1, respondents / SAMPLE);
        long count = 0;
        try (Export opened = reader.open(export); RowFile.Writer out = new RowFile.Writer(rows)) {
            Cleaner cleaner = new Cleaner(opened.study());
            AnswerCodes codes = AnswerCodes.of(opened.study().questions().stream().map(Question::id).toList());
            while (opened.hasNext()) {
                Cleaned cleaned = cleaner.clean(opened.next());
                Respondent r = cleaned.respondent();
                out.write(new StoredRow(r.row(), r.segment(), r.respondentId(),
                        r.endedAt() == null ? null : ChronoUnit.MICROS.between(java.time.Instant.EPOCH, r.endedAt()),
                        r.weight(), r.exclusion() == null ? null : r.exclusion().name(), codes.encode(r.answers())));
                if (count % every == 0 && sample.size() < SAMPLE && identity(r.respondentId(), r.segment(), r.exclusion() == null)) {
                    sample.add(new String[] {r.segment(), r.respondentId()});
                }
                count++;
            }
        }
        return count;
    }

    /** Whether a respondent has an identity duplicates are settled over: included, with a respondent id and a segment. */
    private static boolean identity(String respondentId, String segment, boolean included) {
        return included && respondentId != null && segment != null;
    }

    /** The export's identities, in the order the service writes them (its rows' other columns left out). */
    private static List<StoreEngine.Identity> sortedIdentities(Path rows) throws IOException {
        List<StoreEngine.Identity> identities = new ArrayList<>();
        try (RowFile.Reader all = new RowFile.Reader(rows, Long.MAX_VALUE)) {
            all.forEachRemaining(row -> {
                if (identity(row.respondentId(), row.segment(), row.exclusion() == null)) {
                    identities.add(StoreEngine.Identity.of(
                            new StoredRow(row.rowNo(), row.segment(), row.respondentId(), row.endedAtMicros(), 0, null, "")));
                }
            });
        }
        identities.sort(StoreEngine.KEY_ORDER);
        return identities;
    }

    private Loaded load(StoreEngine engine, Path dir, Path rows, List<String[]> sample) throws SQLException, IOException {
        Files.createDirectories(dir);
        long[] stored = {0};
        double loadSeconds;
        double identitySeconds;
        double indexSeconds;
        double lookupSeconds;
        double joinSeconds;
        long joinRows;
        double countSeconds;
        long lookupRows = 0;
        long count;
        long bytesOpen;
        try (Connection connection = engine.open(dir)) {
            engine.createTable(connection);
            long start = System.nanoTime();
            try (RowFile.Reader all = new RowFile.Reader(rows, Long.MAX_VALUE)) {
                engine.load(connection, all, (n, last) -> stored[0] = n);
            }
            long loadedAt = System.nanoTime();
            engine.loadIdentities(connection, sortedIdentities(rows));
            long identifiedAt = System.nanoTime();
            engine.createIndexAfterLoad(connection);
            long indexedAt = System.nanoTime();
            loadSeconds = (loadedAt - start) / 1e9;
            identitySeconds = (identifiedAt - loadedAt) / 1e9;
            indexSeconds = (indexedAt - identifiedAt) / 1e9;
            try (PreparedStatement query = connection.prepareStatement(StoreEngine.SAME_IDENTITY)) {
                for (String[] identity : sample) {
                    query.setLong(1, IdentityHash.of(identity[1]));
                    query.setString(2, StoreEngine.STUDY);
                    query.setString(3, identity[0]);
                    query.setString(4, identity[1]);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            lookupRows++;
                        }
                    }
                }
            }
            long joinedAt;
            try (PreparedStatement query = connection.prepareStatement(StoreEngine.SAME_IDENTITY_ALL)) {
                long lookupsDone = System.nanoTime();
                lookupSeconds = (lookupsDone - indexedAt) / 1e9;
                query.setLong(1, StoreEngine.EXPORT_ID);
                query.setQueryTimeout(JOIN_TIMEOUT_SECONDS);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    joinRows = rs.getLong(1);
                } catch (SQLException e) {
                    // a nested loop over every row can take very long: the time it was given is the result
                    System.out.printf(Locale.ROOT, "  %s: the join did not end within %d s (%s)%n", engine.name(),
                            JOIN_TIMEOUT_SECONDS, e.getMessage().strip().replaceAll("\\s+", " "));
                    joinRows = -1;
                }
                joinedAt = System.nanoTime();
                joinSeconds = (joinedAt - lookupsDone) / 1e9;
            }
            long lookedUpAt = joinedAt;
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select count(*) from respondent")) {
                rs.next();
                count = rs.getLong(1);
            }
            countSeconds = (System.nanoTime() - lookedUpAt) / 1e9;
            bytesOpen = treeSize(dir);
        }
        if (count != stored[0] || lookupRows < sample.size()) {
            throw new IllegalStateException(engine.name() + " holds " + count + " rows of " + stored[0] + " committed, and found "
                    + lookupRows + " rows for " + sample.size() + " sampled identities");
        }
        return new Loaded(engine, count, loadSeconds, identitySeconds, indexSeconds, lookupSeconds, lookupRows, joinSeconds, joinRows, countSeconds,
                count, bytesOpen, treeSize(dir));
    }

    private void printLoads(List<Loaded> loaded, long csvBytes) {
        double fastest = loaded.stream().mapToDouble(Loaded::total).min().orElse(1);
        System.out.printf(Locale.ROOT, "%nStores: %,d respondent rows, one export, keyed by one number (V12), then the export's "
                + "identities, sorted, with the index on the id's hash (V14); lookups: the identities sharing one of %,d "
                + "sampled ids%n", loaded.isEmpty() ? 0 : loaded.get(0).rows(), SAMPLE);
        System.out.printf(Locale.ROOT, "| store | commit | load s | of it rows s | of it identities s | of it index s | rows/s "
                + "| x fastest | %,d lookups ms | all ids in one join ms | count ms | disk MB open | disk MB closed "
                + "| x CSV (closed) | durability |%n", SAMPLE);
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Loaded l : loaded) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f | %.2f | %,.0f | %.2f | %.0f | %.0f | %.0f | %.1f | %.1f | %.2f | %s |%n",
                    l.engine().name(), l.engine().commit(), l.total(), l.loadSeconds(), l.identitySeconds(), l.indexSeconds(),
                    l.rows() / l.total(), l.total() / fastest,
                    l.lookupSeconds() * 1e3, l.joinSeconds() * 1e3, l.countSeconds() * 1e3, l.bytesOpen() / 1e6,
                    l.bytesClosed() / 1e6, (double) l.bytesClosed() / csvBytes, l.engine().durability());
        }
        System.out.printf(Locale.ROOT, "Rows of the same identity found: %s%n", loaded.stream()
                .map(l -> l.engine().name() + " " + l.lookupRows() + " (sample), " + l.joinRows() + " (join)").toList());
        System.out.printf(Locale.ROOT, "CSV: %.1f MB%n", csvBytes / 1e6);
    }

    private static String version(StoreEngine.Kind kind) {
        try (Connection connection = java.sql.DriverManager.getConnection(kind == StoreEngine.Kind.SQLITE ? "jdbc:sqlite::memory:" : "jdbc:duckdb:")) {
            return connection.getMetaData().getDatabaseProductVersion() + " (driver " + connection.getMetaData().getDriverVersion() + ")";
        } catch (SQLException e) {
            return "(not on the class path: build with -Pbenchmark)";
        }
    }

    /** The machine's load, as {@code uptime} prints it. */
    private static void uptime(String when) {
        try {
            Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            System.out.println("uptime at the " + when + ": " + out);
        } catch (IOException e) {
            System.out.println("uptime at the " + when + ": not available (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long treeSize(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(StoreEngines::size).sum();
        }
    }

}
