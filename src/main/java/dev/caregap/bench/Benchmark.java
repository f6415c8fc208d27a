package dev.caregap.bench;

import dev.caregap.read.Arrival;
import dev.caregap.ingest.ExportIngestion;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.work.RunWorker;
import dev.caregap.sample.SyntheticExport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The throughput benchmark: generates an N-respondent Qualtrics export, then times read + clean + store
 * (ingestion) and figures (the run it asks for), and reports respondents per second and the peak heap seen.
 * Runs with the "benchmark" profile, which starts no routes.
 */
@Component
@Profile("benchmark")
public class Benchmark implements CommandLineRunner {

    private final ExportIngestion ingestion;
    private final RunWorker runs;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;
    private final long respondents;
    private final Path workFolder;

    public Benchmark(ExportIngestion ingestion, RunWorker runs, JdbcTemplate jdbc, ConfigurableApplicationContext context,
                     @Value("${caregap.benchmark.respondents:100000}") long respondents,
                     @Value("${caregap.benchmark.folder}") Path workFolder) {
        this.ingestion = ingestion;
        this.runs = runs;
        this.jdbc = jdbc;
        this.context = context;
        this.respondents = respondents;
        this.workFolder = workFolder;
    }

    @Override
    public void run(String... args) throws Exception {
        Files.createDirectories(workFolder);
        Path export = workFolder.resolve("qualtrics-consumers-" + respondents + ".csv");
        System.out.printf(Locale.ROOT, "Generating a Qualtrics export of %,d consumers: %s%n", respondents, export);
        SyntheticExport.writeQualtrics(export, "consumer", respondents, 42L);
        long bytes = Files.size(export);

        try (HeapWatch heap = new HeapWatch()) {
            long start = System.nanoTime();
            IngestOutcome outcome = ingestion.ingest(Arrival.of(export, export.getFileName().toString(), "benchmark", Instant.now()));
            long ingested = System.nanoTime();
            if (!outcome.ingested()) {
                throw new IllegalStateException("The benchmark export was not ingested: " + outcome.summary());
            }
            // the run the export asked for, computed at once instead of after the drop's quiet period
            if (runs.computeDueAt(Instant.now().plus(Duration.ofDays(1))) != 1) {
                throw new IllegalStateException("The benchmark export's run was not computed; see the log");
            }
            long done = System.nanoTime();
            long figures = jdbc.queryForObject("select count(*) from figure", Long.class);

            double ingestSeconds = (ingested - start) / 1e9;
            double figureSeconds = (done - ingested) / 1e9;
            double totalSeconds = (done - start) / 1e9;
            System.out.printf(Locale.ROOT, """
                    caregap benchmark
                      export:               %,d respondents, %.1f MB, Qualtrics CSV
                      included:             %,d (excluded %,d, values set missing %,d)
                      read+clean+store:     %.1f s  (%,.0f respondents/s)
                      figures:              %.1f s  (%,d figures)
                      total:                %.1f s  (%,.0f respondents/s)
                      peak heap used:       %,.0f MB of max %,.0f MB (live after GC at most %,.0f MB)
                    """, outcome.rowsRead(), bytes / 1e6, outcome.included(), outcome.excluded(), outcome.issues(),
                    ingestSeconds, outcome.rowsRead() / ingestSeconds, figureSeconds, figures,
                    totalSeconds, outcome.rowsRead() / totalSeconds, heap.peak() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, heap.peakAfterGc() / 1e6);
        } finally {
            Files.deleteIfExists(export);
        }
        context.close();
    }

    /**
     * Watches the heap: the highest use seen (garbage included: what the heap had to hold) and the highest
     * use right after a garbage collection (what was live: the figure that must not grow with file size).
     */
    private static final class HeapWatch implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final List<Runnable> unsubscribe = new ArrayList<>();
        private final Thread sampler;
        private volatile boolean running = true;

        HeapWatch() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener listener = (notification, handback) -> afterGc(notification);
                    emitter.addNotificationListener(listener, null, null);
                    unsubscribe.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (ListenerNotFoundException ignored) {
                            // already gone
                        }
                    });
                }
            }
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void afterGc(Notification notification) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long heapAfter = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                var usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (usage != null && pool.getType() == MemoryType.HEAP) {
                    heapAfter += usage.getUsed();
                }
            }
            peakAfterGc.accumulateAndGet(heapAfter, Math::max);
        }

        long peak() {
            return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }

        @Override
        public void close() {
            running = false;
            unsubscribe.forEach(Runnable::run);
        }
    }
}
