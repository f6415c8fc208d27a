package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.deliver.Deliverable;
import dev.caregap.deliver.ResultFilesDelivery;
import dev.caregap.deliver.Undeliverable;
import dev.caregap.quality.ExportQuality;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.DeliveryStore.Delivery;
import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RunStore;
import dev.caregap.store.RunStore.StoredRun;
import dev.caregap.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works through the outbox: claims each due delivery, rebuilds its run from the database, hands it to the
 * deliverable, and marks it done. A failed attempt is tried again with back-off and failed for good, with its
 * reason, after the last attempt ({@link Undeliverable}: at once). A run's other deliverables (e-mails, its
 * responses.csv and report.xlsx) wait for its result files; the run is DELIVERED, and the log says so, once its
 * result files are done and none of its rows is pending: a row FAILED for good (a refused address) does not hold
 * the run back, and the done signal counts it. Result files that failed for good fail the rows waiting for them, and the run stays COMPUTED.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Studies studies;
    private final RunStore runs;
    private final ExportStore exports;
    private final DeliveryStore deliveries;
    private final Map<String, Deliverable> deliverables;
    private final TransactionTemplate transaction;
    private final CaregapProperties settings;
    private final Heartbeat heartbeat;

    public DeliveryWorker(Studies studies, RunStore runs, ExportStore exports, DeliveryStore deliveries,
                          List<Deliverable> deliverables, Heartbeat heartbeat, PlatformTransactionManager transactions,
                          CaregapProperties settings) {
        this.heartbeat = heartbeat;
        this.studies = studies;
        this.runs = runs;
        this.exports = exports;
        this.deliveries = deliveries;
        this.deliverables = deliverables.stream().collect(Collectors.toMap(Deliverable::name, Function.identity()));
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
    }

    /** Makes every delivery due now; returns how many this instance completed. */
    public int deliverDue() {
        int done = 0;
        for (long id : deliveries.due(Instant.now(), ResultFilesDelivery.NAME)) {
            Instant now = Instant.now();
            Optional<Delivery> claimed = deliveries.claim(id, settings.instance(), now, now.plus(settings.work().lease()));
            if (claimed.isPresent() && heartbeat.whileHolding(Heartbeat.Work.DELIVERY, id, () -> deliver(claimed.get()))) {
                done++;
            }
        }
        return done;
    }

    private boolean deliver(Delivery delivery) {
        String target;
        RunReport report;
        try {
            report = delivery.hasRun() ? report(delivery.runId()) : null;
            Deliverable deliverable = deliverables.get(delivery.deliverable());
            if (deliverable == null) {
                throw new IllegalStateException("no deliverable called '" + delivery.deliverable() + "' in this version");
            }
            target = deliverable.deliver(delivery, report);
        } catch (Exception e) {
            failed(delivery, e);
            return false;
        }
        Instant now = Instant.now();
        boolean runDelivered = Boolean.TRUE.equals(transaction.execute(status -> {
            lockRun(delivery);
            if (!deliveries.done(delivery.id(), settings.instance(), target, now)) {
                return false;
            }
            if (ResultFilesDelivery.NAME.equals(delivery.deliverable())) {
                runs.resultsWritten(delivery.runId(), target);
            }
            return delivery.hasRun() && settled(delivery.runId(), now);
        }));
        if (runDelivered) {
            delivered(delivery.runId());
        }
        return true;
    }

    /**
     * Takes the lock of the delivery's run, first in the transaction that marks the row done or failed and checks
     * whether that settles the run: a row of the same run settled at this moment on another instance waits for this
     * commit, then sees this row as it is now; without it the last two rows can each see the other pending, and the
     * run would stay COMPUTED for ever. (No study lock is taken in these transactions; the run's row comes before
     * its outbox rows, as when a run is computed and its rows added.)
     */
    private void lockRun(Delivery delivery) {
        if (delivery.hasRun()) {
            runs.lockForDelivery(delivery.runId());
        }
    }

    /**
     * Marks the run delivered once its deliverables are settled; true when this call did. In the transaction that
     * took the run's lock ({@link #lockRun}) before it changed the run's row.
     */
    private boolean settled(long runId, Instant now) {
        return deliveries.settled(runId, ResultFilesDelivery.NAME) && runs.delivered(runId, now);
    }

    /** The done signal: a drop has settled once the run holding it says so (naming any e-mail that failed for good). */
    private void delivered(long runId) {
        runs.find(runId).ifPresent(run -> {
            long failed = deliveries.failed(runId);
            log.info(String.format(Locale.ROOT, "Run %d of %s delivered: %,d exports, %,d respondents, %s%s",
                    runId, run.study(), exports.qualityOfRun(runId).size(), run.respondentsIncluded(),
                    run.resultsFolder() == null ? "" : run.resultsFolder(),
                    failed == 0 ? "" : String.format(Locale.ROOT, " (%,d deliveries FAILED, see the delivery table)", failed)));
        });
    }

    private void failed(Delivery delivery, Exception e) {
        Instant now = Instant.now();
        CaregapProperties.Deliveries retry = settings.deliveries();
        Instant next = now.plus(Backoff.after(delivery.attempts(), retry.backoff(), retry.maxBackoff()));
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        // an address refused for good is not tried again: its row fails at once
        int attempts = e instanceof Undeliverable ? 0 : retry.attempts();
        boolean firstFiles = ResultFilesDelivery.NAME.equals(delivery.deliverable());
        Failure failure = transaction.execute(status -> {
            lockRun(delivery);
            if (!deliveries.attemptFailed(delivery.id(), settings.instance(), reason, next, attempts, now)) {
                return Failure.RETRIED;
            }
            if (firstFiles && delivery.hasRun()) {
                deliveries.failWaiting(delivery.runId(), ResultFilesDelivery.NAME,
                        "not sent: the run's result files failed: " + reason, now);
            }
            // a run waits for no row that failed: the last of its rows to settle may be this one
            return delivery.hasRun() && settled(delivery.runId(), now) ? Failure.RUN_DELIVERED : Failure.FOR_GOOD;
        });
        if (failure == Failure.FOR_GOOD || failure == Failure.RUN_DELIVERED) {
            log.error("{}: {} for {} FAILED for good after {} attempts: {}", delivery.subject(), delivery.deliverable(),
                    delivery.recipient(), delivery.attempts(), reason, e);
            if (failure == Failure.RUN_DELIVERED) {
                delivered(delivery.runId());
            }
        } else {
            log.warn("{}: {} for {} failed (attempt {} of {}), tried again at {}: {}", delivery.subject(),
                    delivery.deliverable(), delivery.recipient(), delivery.attempts(), retry.attempts(), next, reason);
            log.debug("Why {} failed", delivery.deliverable(), e);
        }
    }

    /** What a failed attempt came to: tried again later, failed for good, or failed for good and the run settled by it. */
    private enum Failure { RETRIED, FOR_GOOD, RUN_DELIVERED }

    /** A run as its deliverables see it, read back from the database. */
    RunReport report(long runId) {
        StoredRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " is not stored"));
        Study study = studies.byId(run.study());
        List<ExportQuality> quality = exports.qualityOfRun(runId);
        PreviousRun previous = runs.previousDelivered(study.id(), runId).map(before -> new PreviousRun(before.id(),
                runName(before.id()), before.computedAt(), runs.figures(before.id(), study))).orElse(null);
        return new RunReport(run.id(), runName(run.id()), study, run.trigger(), run.computedAt(),
                runs.figures(runId, study), quality, run.lastExport(), previous);
    }

    private static String runName(long runId) {
        return "run-%05d".formatted(runId);
    }
}
