package dev.caregap.work;

import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.mail.StakeholderMail;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.RunStore;
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
 * started after the time catches up at once. The outbox's unique (run, deliverable, recipient) lets several
 * instances do this at the same time: one row is made, and the delivery worker sends it once.
 */
@Component
public class DigestWorker {

    private static final Logger log = LoggerFactory.getLogger(DigestWorker.class);

    private final Stakeholders stakeholders;
    private final RunStore runs;
    private final DeliveryStore deliveries;
    private final Clock clock;

    @Autowired
    public DigestWorker(Stakeholders stakeholders, RunStore runs, DeliveryStore deliveries) {
        this(stakeholders, runs, deliveries, Clock.systemDefaultZone());
    }

    DigestWorker(Stakeholders stakeholders, RunStore runs, DeliveryStore deliveries, Clock clock) {
        this.stakeholders = stakeholders;
        this.runs = runs;
        this.deliveries = deliveries;
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
                Optional<Long> newest = runs.newestDelivered(study);
                String address = stakeholder.address();
                if (newest.isEmpty()
                        || deliveries.lastRun(study, StakeholderMail.DIGEST, address).filter(last -> last >= newest.get()).isPresent()
                        || deliveries.addedSince(study, StakeholderMail.DIGEST, address, today)) {
                    continue;
                }
                if (deliveries.addOnce(newest.get(), StakeholderMail.DIGEST, address, now)) {
                    log.info("Run {} of {}: daily digest for {} ({}) due", newest.get(), study, address, stakeholder.name());
                    added++;
                }
            }
        }
        return added;
    }
}
