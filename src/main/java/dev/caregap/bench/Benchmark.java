package dev.caregap.bench;

import dev.caregap.ingest.ExportIngestion;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.read.Arrival;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.results.Folders;
import dev.caregap.sample.SyntheticExport;
import dev.caregap.work.RunWorker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The throughput benchmark, in three modes, each timed against DuckDB's analysis of the same generated Qualtrics
 * export in the same run (DuckDbAnchor): {@code analysis} (read + clean + store + figures, in this JVM),
 * {@code alone} (the analysis alone: read + clean + figures, nothing stored), {@code service} (the packaged service as a process of its own: the file dropped into its inbox until
 * {@code latest/figures.csv}) and {@code growth} (K exports of M respondents one after another: the cost of the
 * first and of the last); and {@code engines} (StoreEngines: which embedded store serves the respondent rows best)
 * and {@code identity-layouts} (IdentityLayouts: the service's identity index against a sorted run per export).
 * Runs with the "benchmark" profile, which starts no routes.
 */
@Component
@Profile("benchmark")
public class Benchmark implements CommandLineRunner {

    private static final String STUDY = "care-gap";

    private final ExportIngestion ingestion;
    private final ExportReader reader;
    private final RunWorker runs;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;
    private final String mode;
    private final long respondents;
    private final int exports;
    private final Path workFolder;
    private final Path studies;
    private final Path routes;
    private final String jar;
    private final String serviceArgs;
    private final List<String> serviceJvm;
    private final StoreEngines engines;
    private final IdentityLayouts identityLayouts;
    private final int readParts;

    public Benchmark(ExportIngestion ingestion, ExportReader reader, RunWorker runs, JdbcTemplate jdbc, ConfigurableApplicationContext context,
                     StoreEngines engines, IdentityLayouts identityLayouts,
                     @Value("${caregap.benchmark.mode:analysis}") String mode,
                     @Value("${caregap.benchmark.respondents:100000}") long respondents,
                     @Value("${caregap.benchmark.exports:10}") int exports,
                     @Value("${caregap.benchmark.folder}") Path workFolder,
                     @Value("${caregap.studies}") Path studies, @Value("${caregap.routes}") Path routes,
                     @Value("${caregap.benchmark.jar:}") String jar,
                     @Value("${caregap.benchmark.service-args:}") String serviceArgs,
                     @Value("${caregap.benchmark.service-jvm:" + ServiceUnderBenchmark.JVM + "}") String serviceJvm,
                     @Value("${caregap.benchmark.read-parts:0}") int readParts) {
        this.ingestion = ingestion;
        this.reader = reader;
        this.runs = runs;
        this.jdbc = jdbc;
        this.context = context;
        this.mode = mode;
        this.respondents = respondents;
        this.exports = exports;
        this.workFolder = workFolder;
        this.studies = studies;
        this.routes = routes;
        this.jar = jar;
        this.serviceArgs = serviceArgs;
        this.serviceJvm = ServiceUnderBenchmark.jvmOptions(words(serviceJvm));
        this.engines = engines;
        this.identityLayouts = identityLayouts;
        this.readParts = readParts > 0 ? readParts : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void run(String... args) throws Exception {
        Files.createDirectories(workFolder);
        System.out.printf(Locale.ROOT, "caregap benchmark, mode %s, on %d cores, load average %.2f at the start, collector %s%n"
                        + "  JVM options: %s%n",
                mode, Runtime.getRuntime().availableProcessors(), load(), collector(), thisJvmOptions());
        try (DuckDbAnchor duckDb = DuckDbAnchor.open()) {
            switch (mode) {
                case "analysis" -> analysis(duckDb);
                case "alone" -> alone(duckDb);
                case "service" -> service(duckDb);
                case "growth" -> growth(duckDb);
                case "engines" -> engines.run();
                case "identity-layouts" -> identityLayouts.run();
                default -> throw new IllegalArgumentException(
                        "caregap.benchmark.mode is analysis, alone, service, growth, engines or identity-layouts, not " + mode);
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n", load());
        context.close();
    }

    /** (1) Read, clean, store and figures of one export, in this JVM, against DuckDB's analysis of the file. */
    private void analysis(DuckDbAnchor duckDb) {
        Path export = generate("qualtrics-consumers-" + respondents + ".csv", respondents, 0, 42L);
        try (HeapWatch heap = new HeapWatch()) {
            DuckDbAnchor.Result anchor = duckDb.analyse(List.of(export));
            Timed timed = ingestAndRun(export, true);
            long figures = jdbc.queryForObject("select count(*) from figure", Long.class);
            System.out.printf(Locale.ROOT, """
                    analysis: read + clean + store + figures of one export, in one JVM
                      export:               %,d respondents, %.1f MB, Qualtrics CSV
                      included:             %,d (excluded %,d, values set missing %,d)
                      read+clean+store:     %.2f s  (%,.0f respondents/s)
                      figures:              %.2f s  (%,d figures)
                      caregap total:        %.2f s  (%,.0f respondents/s)
                      DuckDB, same analysis %.2f s
                      ratio caregap/DuckDB: %.1fx
                      identities written:   %.2f s after the figures (written while the run was computed; all its work %.2f s)
                      peak heap used:       %,.0f MB of max %,.0f MB (live after GC at most %,.0f MB)
                    """, timed.outcome.rowsRead(), size(export) / 1e6, timed.outcome.included(), timed.outcome.excluded(),
                    timed.outcome.issues(), timed.ingestSeconds, timed.outcome.rowsRead() / timed.ingestSeconds,
                    timed.figureSeconds, figures, timed.total(), timed.outcome.rowsRead() / timed.total(), anchor.seconds(),
                    timed.total() / anchor.seconds(), timed.identitySeconds, timed.total() + timed.identitySeconds, heap.peak() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, heap.peakAfterGc() / 1e6);
            compareHeadline(anchor);
        } finally {
            delete(export);
        }
    }

    /**
     * (1) without the store: read, clean and figures of one export in this JVM (AnalysisAlone), against DuckDB's
     * analysis of the file; then both once more, the JVM's code now compiled as a running service's is after its
     * first export.
     */
    private void alone(DuckDbAnchor duckDb) throws Exception {
        Path export = generate("qualtrics-consumers-" + respondents + ".csv", respondents, 0, 42L);
        try (HeapWatch heap = new HeapWatch()) {
            DuckDbAnchor.Result anchor = duckDb.analyse(List.of(export));
            AnalysisAlone.Result alone = AnalysisAlone.of(reader, export, readParts, Export.LEAST_PART_BYTES);
            DuckDbAnchor.Result anchorAgain = duckDb.analyse(List.of(export));
            AnalysisAlone.Result again = AnalysisAlone.of(reader, export, readParts, Export.LEAST_PART_BYTES);
            System.out.printf(Locale.ROOT, """
                    alone: the analysis alone of one export (read + clean + figures, nothing stored), in one JVM
                      export:               %,d respondents, %.1f MB, Qualtrics CSV
                      included:             %,d (ids the export repeats: %,d)
                      caregap:              %.2f s  (%,.0f respondents/s, read in %d parts side by side; the figures %.3f s of it, %,d figures)
                      DuckDB, same analysis %.2f s
                      ratio caregap/DuckDB: %.2fx
                      once more, the JVM's code compiled by the first: caregap %.2f s, DuckDB %.2f s, ratio %.2fx
                      where the time went:  %s
                      once more:            %s
                      peak heap used:       %,.0f MB of max %,.0f MB (live after GC at most %,.0f MB)
                    """, alone.rows(), size(export) / 1e6, alone.included(), alone.repeated(), alone.seconds(),
                    alone.rows() / alone.seconds(), alone.parts(), alone.figureSeconds(), alone.figures(), anchor.seconds(),
                    alone.seconds() / anchor.seconds(), again.seconds(), anchorAgain.seconds(),
                    again.seconds() / anchorAgain.seconds(), cpu(alone.cpu()), cpu(again.cpu()), heap.peak() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, heap.peakAfterGc() / 1e6);
            if (alone.repeated() > 0) {
                System.out.println("  the export repeats respondent ids: these figures count their earlier responses too,"
                        + " so they are not the analysis DuckDB made");
            }
            System.out.printf(Locale.ROOT, "  consumers feel cared for, caregap: base %,d, share %.6f%n",
                    alone.headline().base(), alone.headline().share());
            anchor.rows().stream().filter(row -> row.startsWith("breakdown_group=total"))
                    .forEach(row -> System.out.println("  DuckDB: " + row));
        } finally {
            delete(export);
        }
    }

    /**
     * (2) The packaged service as a process of its own on a fresh home: the export is moved into its inbox with a
     * {@code .done} marker (read at the next poll) and timed until {@code latest/figures.csv} exists.
     */
    private void service(DuckDbAnchor duckDb) throws Exception {
        Path serviceJar = serviceJar();
        Path home = workFolder.resolve("service-" + UUID.randomUUID());
        Path export = generate("qualtrics-consumers-" + respondents + ".csv", respondents, 0, 42L);
        long bytes = size(export);
        DuckDbAnchor.Result anchor = duckDb.analyse(List.of(export));
        List<String> args = new ArrayList<>(List.of("--caregap.studies=" + studies.toAbsolutePath(),
                "--caregap.routes=" + routes.toAbsolutePath(), "--caregap.instance=benchmark",
                "--caregap.mail.embedded=false", "--caregap.runs.quiet=0s", "--management.server.port=0"));
        args.addAll(words(serviceArgs));
        System.out.printf(Locale.ROOT, "Starting the service %s in %s%n  java %s -jar ... %s%n", serviceJar, home,
                String.join(" ", serviceJvm), String.join(" ", args));
        try (ServiceUnderBenchmark service = ServiceUnderBenchmark.start(serviceJar, home, serviceJvm, args)) {
            service.awaitLog("caregap benchmark ready", Duration.ofMinutes(3));
            // a drop into a service that runs already: past the inbox's first poll (a second after its start), into
            // its steady look every half second
            Thread.sleep(2_000);
            Path inbox = home.resolve("inbox");
            Path figures = home.resolve("results").resolve(STUDY).resolve("latest").resolve("figures.csv");
            long start = System.nanoTime();
            java.time.Instant dropped = java.time.Instant.now();
            Files.move(export, inbox.resolve(export.getFileName()));
            Files.createFile(inbox.resolve(export.getFileName() + ".done"));
            service.awaitFile(figures, Duration.ofHours(2));
            double seconds = (System.nanoTime() - start) / 1e9;
            // responses.csv and report.xlsx follow the figures: the run is delivered once they are there
            service.awaitLog(" of " + STUDY + " delivered: ", Duration.ofHours(1));
            double delivered = (System.nanoTime() - start) / 1e9;
            // meanwhile the export's identities went into the identity index, for the study's next export
            service.awaitLog(": its identities are written", Duration.ofHours(1));
            double indexed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, """
                    service: drop into the inbox of the packaged service (java %s -jar) until latest/figures.csv
                      export:               %,d respondents, %.1f MB, Qualtrics CSV
                      drop to latest:       %.2f s  (%,.0f respondents/s)
                      DuckDB, same analysis %.2f s
                      ratio caregap/DuckDB: %.1fx
                      run delivered:        %.2f s  (responses.csv and report.xlsx there too; %.1fx DuckDB)
                      identities written:   %.2f s  (for the study's next export; written while the run went on)
                    """, String.join(" ", serviceJvm), respondents, bytes / 1e6, seconds, respondents / seconds, anchor.seconds(), seconds / anchor.seconds(),
                    delivered, delivered / anchor.seconds(), indexed);
            headlineLine(figures);
            System.out.println("where the time went (the service's log):");
            service.printTimeline(dropped);
        } finally {
            delete(export);
        }
        Folders.delete(home);  // kept, with its log, when the drop failed
    }

    /**
     * (3) K exports of M respondents (no respondent in two of them), generated first, then each ingested and its run
     * computed before the next (whose settling waits, as in the service, until the identities of the one before are
     * written): the cost of the first and of the last, and of all of them until the last one's identities are written,
     * against DuckDB's analysis of one export and of all of them.
     */
    private void growth(DuckDbAnchor duckDb) {
        List<Path> files = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        try (HeapWatch heap = new HeapWatch()) {
            for (int i = 0; i < exports; i++) {
                files.add(generate("qualtrics-consumers-" + respondents + "-wave-" + (i + 1) + ".csv", respondents,
                        i * respondents, 42L + i));
            }
            long start = System.nanoTime();
            for (int i = 0; i < exports; i++) {
                Timed timed = ingestAndRun(files.get(i), false);
                costs.add(timed.total());
                System.out.printf(Locale.ROOT, "  export %d of %d: %.2f s (store %.2f s, figures %.2f s)%n", i + 1, exports,
                        timed.total(), timed.ingestSeconds, timed.figureSeconds);
            }
            awaitIdentities();
            double total = (System.nanoTime() - start) / 1e9;
            DuckDbAnchor.Result first = duckDb.analyse(files.subList(0, 1));
            DuckDbAnchor.Result last = duckDb.analyse(files.subList(files.size() - 1, files.size()));
            DuckDbAnchor.Result all = duckDb.analyse(files);
            double oneExport = Math.min(first.seconds(), last.seconds());
            System.out.printf(Locale.ROOT, """
                    growth: %d exports of %,d respondents, each ingested and its run computed before the next
                      first export:         %.2f s  (with this JVM's warm-up; the second took %.2f s)
                      last export:          %.2f s  (%.2fx the first)
                      all exports:          %.2f s  (until the last one's identities were written)
                      DuckDB, one export    %.2f s  (first %.2f s, last %.2f s)
                      ratio first/DuckDB:   %.1fx
                      ratio last/DuckDB:    %.1fx
                      DuckDB, all exports   %.2f s  (the analysis the last run makes, of %,d respondents)
                      ratio last/DuckDB all %.1fx
                      peak heap used:       %,.0f MB of max %,.0f MB (live after GC at most %,.0f MB)
                    """, exports, respondents, costs.get(0), costs.get(Math.min(1, costs.size() - 1)),
                    costs.get(costs.size() - 1),
                    costs.get(costs.size() - 1) / costs.get(0), total, oneExport, first.seconds(), last.seconds(),
                    costs.get(0) / oneExport, costs.get(costs.size() - 1) / oneExport, all.seconds(), respondents * exports,
                    costs.get(costs.size() - 1) / all.seconds(), heap.peak() / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                    heap.peakAfterGc() / 1e6);
            compareHeadline(all);
        } finally {
            files.forEach(Benchmark::delete);
        }
    }

    /**
     * Ingests one export and computes the run it asks for at once (not after the drop's quiet period), then, should
     * {@code awaitIdentities}, waits for its identities, written meanwhile.
     */
    private Timed ingestAndRun(Path export, boolean awaitIdentities) {
        long start = System.nanoTime();
        IngestOutcome outcome = ingestion.ingest(Arrival.of(export, export.getFileName().toString(), "benchmark", Instant.now()));
        long ingested = System.nanoTime();
        if (!outcome.ingested()) {
            throw new IllegalStateException("The benchmark export was not ingested: " + outcome.summary());
        }
        if (runs.computeDueAt(Instant.now().plus(Duration.ofDays(1))) != 1) {
            throw new IllegalStateException("The benchmark export's run was not computed; see the log");
        }
        long done = System.nanoTime();
        if (awaitIdentities) {
            awaitIdentities();
        }
        long indexed = System.nanoTime();
        return new Timed(outcome, (ingested - start) / 1e9, (done - ingested) / 1e9, (indexed - done) / 1e9);
    }

    /** Waits until no export has its identities pending. */
    private void awaitIdentities() {
        while (jdbc.queryForObject("select count(*) from survey_export where identities_pending", Long.class) > 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the identities were written", e);
            }
        }
    }

    /** Seconds to ingest, then to compute the run, then (when waited for) until the export's identities were written. */
    private record Timed(IngestOutcome outcome, double ingestSeconds, double figureSeconds, double identitySeconds) {
        double total() {
            return ingestSeconds + figureSeconds;
        }
    }

    /** The consumer headline share caregap computed beside DuckDB's, to show both analysed the same respondents. */
    private void compareHeadline(DuckDbAnchor.Result anchor) {
        jdbc.query("""
                select base, share from figure where figure = 'consumers_feel_cared_for' and breakdown = 'total'
                  and run_id = (select max(id) from study_run)""", rs -> {
            System.out.printf(Locale.ROOT, "  consumers feel cared for, caregap: base %,d, share %.6f%n", rs.getLong(1),
                    rs.getDouble(2));
        });
        anchor.rows().stream().filter(row -> row.startsWith("breakdown_group=total"))
                .forEach(row -> System.out.println("  DuckDB: " + row));
    }

    private static void headlineLine(Path figures) throws IOException {
        try (Stream<String> lines = Files.lines(figures)) {
            lines.filter(line -> line.contains("\"consumers_feel_cared_for\"") && line.contains("\"total\""))
                    .findFirst().ifPresent(line -> System.out.println("  latest/figures.csv: " + line));
        }
    }

    private Path generate(String name, long count, long firstNumber, long seed) {
        Path export = workFolder.resolve(name);
        System.out.printf(Locale.ROOT, "Generating a Qualtrics export of %,d consumers: %s%n", count, export);
        SyntheticExport.writeQualtrics(export, "consumer", count, firstNumber, seed);
        return export;
    }

    /** Where an analysis's time went, on the machine's cores (AnalysisAlone.CpuUse). */
    private static String cpu(AnalysisAlone.CpuUse cpu) {
        return String.format(Locale.ROOT, "the parts' threads %.2f s of CPU, the identities' thread %.2f s; beside them "
                        + "the compiler %.2f s, the collector's pauses %.2f s", cpu.partSeconds(), cpu.identitySeconds(),
                cpu.compilerSeconds(), cpu.collectorSeconds());
    }

    /** The jar to run as the service: caregap.benchmark.jar, else the jar this benchmark runs from. */
    private Path serviceJar() {
        String path = jar.isBlank() ? System.getProperty("java.class.path") : jar;
        if (path == null || !path.endsWith(".jar") || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("The service mode runs the packaged jar: start the benchmark with java -jar "
                    + "caregap.jar, or name it with --caregap.benchmark.jar=");
        }
        return Path.of(path);
    }

    /** The garbage collectors of this JVM, as it names them (the default G1, or the one the command line chose). */
    private static String collector() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    }

    /** This JVM's options as its command line gave them, those of an options file among them. */
    private static String thisJvmOptions() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** The words of a command-line setting, split at spaces. */
    private static List<String> words(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    private static double load() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os.getSystemLoadAverage();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
