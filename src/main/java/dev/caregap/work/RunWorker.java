package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.deliver.Deliverable;
import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.quality.ExportQuality;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RunStore;
import dev.caregap.store.RunStore.ClaimedRun;
import dev.caregap.store.StudyLock;
import dev.caregap.store.TallyStore;
import dev.caregap.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Computes the runs that are due: claims one, computes its figures over every included respondent of the
 * exports it covers (from the tallies each export counted when it was read, less today's duplicates), and stores them
 * with the run's outbox rows in one transaction. What a run covers is fixed as it is computed, under the study's
 * lock: every export ingested by then, read with its tallies and the duplicates settled among them while no export
 * lands, so its figures, run_export and every file of the run hold the same exports. A failure releases the run
 * to be tried again (after a pause), up to the configured attempts; a crash leaves it to whichever instance
 * finds its lease run out.
 */
@Component
public class RunWorker {

    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

    private final Studies studies;
    private final RunStore runs;
    private final ExportStore exports;
    private final TallyStore tallies;
    private final StudyLock studyLock;
    private final DeliveryStore deliveries;
    private final List<Deliverable> deliverables;
    private final TransactionTemplate transaction;
    private final CaregapProperties settings;
    private final Heartbeat heartbeat;

    public RunWorker(Studies studies, RunStore runs, ExportStore exports, TallyStore tallies, StudyLock studyLock,
                     DeliveryStore deliveries, List<Deliverable> deliverables, Heartbeat heartbeat,
                     PlatformTransactionManager transactions, CaregapProperties settings) {
        this.studyLock = studyLock;
        this.heartbeat = heartbeat;
        this.studies = studies;
        this.runs = runs;
        this.exports = exports;
        this.tallies = tallies;
        this.deliveries = deliveries;
        this.deliverables = List.copyOf(deliverables);
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
    }

    /** Computes every run due now; returns how many this instance computed. */
    public int computeDue() {
        return computeDueAt(Instant.now());
    }

    /** Computes every run due at {@code now} (a later time computes requested runs before their quiet period ends). */
    public int computeDueAt(Instant now) {
        int computed = 0;
        for (long runId : runs.due(now)) {
            Instant claimedAt = Instant.now();
            Optional<ClaimedRun> claimed = runs.claim(runId, settings.instance(), now.isAfter(claimedAt) ? now : claimedAt,
                    claimedAt.plus(settings.work().lease()));
            if (claimed.isPresent() && heartbeat.whileHolding(Heartbeat.Work.RUN, runId, () -> compute(claimed.get()))) {
                computed++;
            }
        }
        return computed;
    }

    /** A run's exports with their counts, and its figures over them. */
    private record Computation(List<ExportQuality> covered, List<Figure> figures) {
    }

    /**
     * Under the study's lock: the run covers every export ingested by now, and its counts, tallies and duplicates are
     * read while none lands (an export lands, its duplicates settled, under the same lock). Empty when the run is no
     * longer this instance's.
     */
    private Optional<Computation> read(ClaimedRun run, Study study) {
        OptionalLong lastExport = runs.coverIngested(run.id(), settings.instance());
        if (lastExport.isEmpty()) {
            return Optional.empty();
        }
        List<ExportQuality> covered = exports.quality(study.id(), lastExport.getAsLong());
        log.info("Run {} of {} computing over {} exports{}", run.id(), study.id(), covered.size(),
                run.attempts() > 1 ? " (attempt " + run.attempts() + ")" : "");
        Computation computation = new Computation(covered, new FigureCalculator(tallies.ofRun(study, lastExport.getAsLong())).figures());
        // the run's row is locked since coverIngested, so the heartbeat skipped it: a long read would commit it lapsed
        heartbeat.renew(Heartbeat.Work.RUN, run.id(), settings.instance(), settings.work().lease());
        return Optional.of(computation);
    }

    private boolean compute(ClaimedRun run) {
        try {
            Study study = studies.byId(run.study());
            Optional<Computation> computation = studyLock.inTransaction(study.id(), () -> read(run, study));
            if (computation.isEmpty()) {
                log.warn("Run {} of {} was taken over by another instance before it was computed here", run.id(), study.id());
                return false;
            }
            List<ExportQuality> covered = computation.get().covered();
            List<Figure> figures = computation.get().figures();
            Instant now = Instant.now();
            boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!runs.computed(run.id(), settings.instance(), figures, covered, now)) {
                    return false;
                }
                for (Deliverable deliverable : deliverables) {
                    for (String recipient : deliverable.recipients(study.id())) {
                        deliveries.add(run.id(), deliverable.name(), recipient, now);
                    }
                }
                return true;
            }));
            if (!recorded) {
                log.warn("Run {} of {} was taken over by another instance while it was computed here; this result is dropped",
                        run.id(), study.id());
                return false;
            }
            log.info("Run {} of {} computed: {} figures over {} respondents", run.id(), study.id(), figures.size(),
                    covered.stream().mapToLong(ExportQuality::included).sum());
            return true;
        } catch (RuntimeException e) {
            Instant now = Instant.now();
            Instant retryAt = now.plus(Backoff.after(run.attempts(), settings.work().poll(), Duration.ofMinutes(1)));
            boolean failed = runs.attemptFailed(run.id(), settings.instance(), e.toString(), retryAt,
                    settings.runs().attempts(), now);
            if (failed) {
                log.error("Run {} of {} failed for good after {} attempts: {}", run.id(), run.study(), run.attempts(), e.toString(), e);
            } else {
                log.error("Run {} of {} could not be computed ({}); it is tried again at {}", run.id(), run.study(), e, retryAt, e);
            }
            return false;
        }
    }
}
