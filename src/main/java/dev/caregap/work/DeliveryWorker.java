package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.deliver.Deliverable;
import dev.caregap.deliver.ResultFilesDelivery;
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
 * deliverable, and marks it done; the last one done marks the run delivered and says so in the log. A failed
 * attempt is tried again with back-off and failed for good, with its reason, after the last attempt.
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
        for (long id : deliveries.due(Instant.now())) {
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
            if (!deliveries.done(delivery.id(), settings.instance(), target, now)) {
                return false;
            }
            if (ResultFilesDelivery.NAME.equals(delivery.deliverable())) {
                runs.resultsWritten(delivery.runId(), target);
            }
            return delivery.hasRun() && deliveries.allDone(delivery.runId()) && runs.delivered(delivery.runId(), now);
        }));
        if (runDelivered) {
            // the done signal: a drop has settled once the run holding it says so
            log.info(String.format(Locale.ROOT, "Run %d of %s delivered: %,d exports, %,d respondents, %s",
                    report.runId(), report.study().id(), report.quality().size(), report.respondentsIncluded(),
                    runs.find(delivery.runId()).map(StoredRun::resultsFolder).orElse("")));
        }
        return true;
    }

    private void failed(Delivery delivery, Exception e) {
        Instant now = Instant.now();
        CaregapProperties.Deliveries retry = settings.deliveries();
        Instant next = now.plus(Backoff.after(delivery.attempts(), retry.backoff(), retry.maxBackoff()));
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        if (deliveries.attemptFailed(delivery.id(), settings.instance(), reason, next, retry.attempts(), now)) {
            log.error("Run {}: {} for {} failed for good after {} attempts: {}", delivery.runId(), delivery.deliverable(),
                    delivery.recipient(), delivery.attempts(), reason, e);
        } else {
            log.warn("Run {}: {} for {} failed (attempt {} of {}), tried again at {}: {}", delivery.runId(),
                    delivery.deliverable(), delivery.recipient(), delivery.attempts(), retry.attempts(), next, reason);
            log.debug("Why {} failed", delivery.deliverable(), e);
        }
    }

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
