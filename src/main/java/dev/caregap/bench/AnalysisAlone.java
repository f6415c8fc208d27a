package dev.caregap.bench;

import dev.caregap.cleaning.Cleaner;
import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.figures.FigureTallies;
import dev.caregap.quality.ExportCount;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Respondent;
import dev.caregap.store.ExportRepeats;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The analysis alone of one export (read, clean, figures; nothing stored), on every core: the file is read in as many
 * parts as the machine has cores ({@link Export#parts}), each response of a part parsed, cleaned, counted and added to
 * its part's figure tallies on a thread of its own, while one more thread sorts the included identities to find the
 * respondent ids the export repeats (the storing thread's sort, with nothing written); the parts' tallies and counts
 * are then added up. Without a repeat, the tallies are the export's figures as its run computes them; the run takes a
 * repeat's earlier response off from the stored rows, which this does not keep, so the result says how many there
 * were. The service reads an export on one thread, its storing thread beside it (README, "Benchmark").
 */
final class AnalysisAlone {

    /** Respondents handed to the sorting thread at once, and how many such chunks of a part may wait for it. */
    private static final int CHUNK = 2_000;
    private static final int IN_FLIGHT = 3;

    /**
     * @param seconds   from opening the file to the figures computed
     * @param parts     how many parts the file was read in, side by side
     * @param repeated  responses whose identity an earlier one of the export has: the figures count them as well
     * @param headline  consumers who feel cared for, in total (the figure DuckDB's anchor computes too)
     * @param cpu       where the JVM's time went meanwhile
     */
    record Result(double seconds, double figureSeconds, int parts, long rows, long included, long repeated, int figures,
                  Figure headline, CpuUse cpu) {
    }

    /**
     * The CPU the analysis took on its own threads, and what the JVM spent beside them on the same cores: the first
     * analysis after a start shares them with the compiler, compiling its code.
     *
     * @param partSeconds       the CPU of the threads reading the parts, in all
     * @param identitySeconds   the CPU of the thread sorting the identities
     * @param compilerSeconds   the compiler threads' time meanwhile (the JVM's own count, added up over its threads)
     * @param collectorSeconds  the collector's pauses meanwhile
     */
    record CpuUse(double partSeconds, double identitySeconds, double compilerSeconds, double collectorSeconds) {
    }

    private AnalysisAlone() {
    }

    static Result of(ExportReader reader, Path file) throws InterruptedException, ExecutionException {
        return of(reader, file, Runtime.getRuntime().availableProcessors(), Export.LEAST_PART_BYTES);
    }

    /** In up to {@code most} parts of at least {@code leastBytes}. */
    static Result of(ExportReader reader, Path file, int most, long leastBytes)
            throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        long compilingBefore = compilingMillis();
        long collectingBefore = collectingMillis();
        ExecutorService sorting = Executors.newSingleThreadExecutor(task -> thread(task, "caregap-analysis-identities"));
        ExecutorService reading = Executors.newCachedThreadPool(task -> thread(task, "caregap-analysis-part"));
        List<Export> parts = List.of();
        try (Export export = reader.open(file); ExportRepeats repeats = new ExportRepeats()) {
            parts = export.parts(most, leastBytes);
            Cleaner cleaner = new Cleaner(export.study());
            List<Future<Part>> read = new ArrayList<>();
            for (Export part : parts) {
                read.add(reading.submit(() -> read(part, cleaner, repeats, sorting)));
            }
            FigureTallies tallies = new FigureTallies(export.study());
            ExportCount counted = new ExportCount();
            long partNanos = 0;
            for (Future<Part> part : read) {
                tallies.plus(part.get().tallies());
                counted.add(part.get().counted());
                partNanos += part.get().cpuNanos();
            }
            long repeated = sorting.submit(repeats::repeated).get();
            long identityNanos = sorting.submit(THREADS::getCurrentThreadCpuTime).get();  // its thread is this call's
            long figuresStart = System.nanoTime();
            List<Figure> figures = new FigureCalculator(tallies).figures();
            long end = System.nanoTime();
            Figure headline = figures.stream()
                    .filter(figure -> figure.figure().equals("consumers_feel_cared_for") && figure.isTotal())
                    .findFirst().orElseThrow();
            CpuUse cpu = new CpuUse(partNanos / 1e9, identityNanos / 1e9, (compilingMillis() - compilingBefore) / 1e3,
                    (collectingMillis() - collectingBefore) / 1e3);
            return new Result((end - start) / 1e9, (end - figuresStart) / 1e9, parts.size(), counted.rows(),
                    counted.included(), repeated, figures.size(), headline, cpu);
        } finally {
            reading.shutdownNow();
            sorting.shutdownNow();
            parts.stream().skip(1).forEach(Export::close);  // the first part is the export, closed above
        }
    }

    private record Part(FigureTallies tallies, ExportCount counted, long cpuNanos) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long compilingMillis() {
        var compilation = ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
    }

    private static long collectingMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(millis -> millis > 0).sum();
    }

    /** One part: each response cleaned, tallied and counted here, its identity handed to the sorting thread. */
    private static Part read(Export part, Cleaner cleaner, ExportRepeats repeats, ExecutorService sorting)
            throws InterruptedException, ExecutionException {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        FigureTallies tallies = new FigureTallies(part.study());
        ExportCount counted = new ExportCount();
        ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
        List<Respondent> chunk = new ArrayList<>(CHUNK);
        while (part.hasNext()) {
            Respondent respondent = cleaner.clean(part.next()).respondent();
            tallies.add(respondent);
            counted.add(respondent);
            chunk.add(respondent);
            if (chunk.size() == CHUNK || !part.hasNext()) {
                while (inFlight.size() >= IN_FLIGHT) {
                    inFlight.poll().get();
                }
                List<Respondent> handed = chunk;
                inFlight.add(sorting.submit(() -> handed.forEach(repeats::add)));
                chunk = new ArrayList<>(CHUNK);
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.poll().get();
        }
        return new Part(tallies, counted, THREADS.getCurrentThreadCpuTime() - cpuStart);
    }

    private static Thread thread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
