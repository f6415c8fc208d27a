package dev.caregap.work;

import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.mail.StakeholderMail;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The daily digests: once a stakeholder's time of day has come (in the service's zone), adds one outbox row
 * for the study's newest delivered run, unless they got a digest today already or have had that run. A service
 * started after the time catches up at once. Each (study, stakeholder) is checked and added in one transaction
 * under the study's lock: instances deciding at the same moment take turns, and the later one sees the row the
 * earlier one added, also when a newer run was delivered in between (one digest a day, not one per run each saw).
 */
@Component
public class DigestWorker {

    private static final Logger log = LoggerFactory.getLogger(DigestWorker.class);

    private final Stakeholders stakeholders;
    private final RunStore runs;
    private final DeliveryStore deliveries;
    private final StudyLock studyLock;
    private final Clock clock;

    @Autowired
    public DigestWorker(Stakeholders stakeholders, RunStore runs, DeliveryStore deliveries, StudyLock studyLock) {
        this(stakeholders, runs, deliveries, studyLock, Clock.systemDefaultZone());
    }

    DigestWorker(Stakeholders stakeholders, RunStore runs, DeliveryStore deliveries, StudyLock studyLock, Clock clock) {
        this.stakeholders = stakeholders;
        this.runs = runs;
        this.deliveries = deliveries;
        this.studyLock = studyLock;
        this.clock = clock;
    }

    /** Adds the digests due now; returns how many this call added. */
    public int addDue() {
        Instant now = clock.instant();
        int added = 0;
        for (Stakeholder stakeholder : stakeholders.digests()) {
            Instant today = now.atZone(clock.getZone()).toLocalDate().atTime(stakeholder.dailyAt())
                    .atZone(clock.getZone()).toInstant();
            if (now.isBefore(today)) {
                continue;
            }
            for (String study : stakeholder.studies()) {
                String address = stakeholder.address();
                Optional<Long> run = studyLock.inTransaction(study, () -> addIfDue(study, address, today, now));
                if (run.isPresent()) {
                    log.info("Run {} of {}: daily digest for {} ({}) due", run.get(), study, address, stakeholder.name());
                    added++;
                }
            }
        }
        return added;
    }

    /**
     * Adds the study's newest delivered run for the address, unless there is none, they have had it, or they got a
     * digest since {@code today}'s time; returns the run added. In the transaction holding the study's lock.
     */
    private Optional<Long> addIfDue(String study, String address, Instant today, Instant now) {
        Optional<Long> newest = runs.newestDelivered(study);
        if (newest.isEmpty()
                || deliveries.lastRun(study, StakeholderMail.DIGEST, address).filter(last -> last >= newest.get()).isPresent()
                || deliveries.addedSince(study, StakeholderMail.DIGEST, address, today)) {
            return Optional.empty();
        }
        // under the lock nobody else adds this row; false only when an instance not taking the lock did
        return deliveries.addOnce(newest.get(), StakeholderMail.DIGEST, address, now) ? newest : Optional.empty();
    }
}
