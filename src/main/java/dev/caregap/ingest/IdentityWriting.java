package dev.caregap.ingest;

import dev.caregap.config.CaregapProperties;
import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.IdentityProgress;
import dev.caregap.store.PendingIdentities;
import dev.caregap.store.RespondentStore;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Writes ingested exports' identities into respondent_identity after their ingest transactions, on a thread of its
 * own, one export at a time: the export counts at once and its run is computed meanwhile, and the next export of its
 * study settles once they are all written, woken as each chunk of them commits (RespondentStore.settleDuplicates, through this
 * {@link IdentityProgress}). An export is held in the heartbeat while its
 * identities wait their turn or are written, so it stays this instance's; should the instance stop, any instance's
 * sweep writes them again from the export's rows once the lease ran out ({@link #takeOverAbandoned}).
 */
@Component
public class IdentityWriting implements IdentityProgress {

    private static final Logger log = LoggerFactory.getLogger(IdentityWriting.class);

    private final RespondentStore respondents;
    private final ExportStore exports;
    private final Heartbeat heartbeat;
    private final CaregapProperties settings;
    /** Chunks of identities this instance wrote (or stopped writing): what an export waiting for them is woken by. */
    private long chunks;
    private final ExecutorService writing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "identities");
        thread.setDaemon(true);  // a stop part-way leaves them pending: written again after the lease
        return thread;
    });

    public IdentityWriting(RespondentStore respondents, ExportStore exports, Heartbeat heartbeat, CaregapProperties settings) {
        this.respondents = respondents;
        this.exports = exports;
        this.heartbeat = heartbeat;
        this.settings = settings;
    }

    /** Queues the identities of an export whose ingest transaction committed; closes them once written. */
    public void submit(PendingIdentities identities) {
        long exportId = identities.exportId();
        queue(exportId, () -> {
            try (identities) {
                return identities.write(settings.instance(), settings.work().lease(), this::wake);
            }
        }, identities);
    }

    /**
     * Claims the exports whose identities a stopped instance left pending (their lease ran out) and queues them to
     * be written again from their rows (a scheduled sweep).
     */
    public void takeOverAbandoned() {
        Instant now = Instant.now();
        for (long exportId : exports.abandonedIdentities(now)) {
            // one this instance holds only looks abandoned when its renewals were held up: never ours
            if (!heartbeat.holds(Heartbeat.Work.IDENTITIES, exportId)
                    && exports.claimIdentities(exportId, settings.instance(), now.plus(settings.work().lease()), now)) {
                log.info("Export {}: its identities were left pending by a stopped instance; writing them again from its rows", exportId);
                queue(exportId, () -> respondents.writeIdentitiesAgain(exportId, settings.instance(), settings.work().lease(),
                        this::wake), null);
            }
        }
    }

    private void queue(long exportId, BooleanSupplier write, AutoCloseable onRefusal) {
        heartbeat.hold(Heartbeat.Work.IDENTITIES, exportId);
        try {
            writing.execute(() -> {
                try {
                    if (write.getAsBoolean()) {
                        log.info("Export {}: its identities are written", exportId);
                    }
                } catch (RuntimeException e) {
                    log.error("Export {}: writing its identities failed; they are written again from its rows once its lease runs out",
                            exportId, e);
                } finally {
                    heartbeat.release(Heartbeat.Work.IDENTITIES, exportId);
                    wake();  // however it ended: an export waiting for it looks again
                }
            });
        } catch (RejectedExecutionException stopping) {
            heartbeat.release(Heartbeat.Work.IDENTITIES, exportId);
            close(onRefusal);
            log.warn("Export {}: the service stops before its identities are written; they are written again from its rows "
                    + "once its lease runs out", exportId);
        }
    }

    @Override
    public synchronized long seen() {
        return chunks;
    }

    @Override
    public synchronized void awaitMore(long seen, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        for (long left = atMost.toNanos(); chunks == seen && left > 0; left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void wake() {
        chunks++;
        notifyAll();
    }

    /** Lets the identities under way be written before the database goes, for at most a lease. */
    @PreDestroy
    void stop() throws InterruptedException {
        writing.shutdown();
        if (!writing.awaitTermination(settings.work().lease().toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Stopping with identities still being written: they are written again from their exports' rows once "
                    + "their lease runs out");
        }
    }

    private static void close(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Could not remove the sorted identities of an export: {}", e.toString());
        }
    }
}
