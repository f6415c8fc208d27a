package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.ingest.ExportIngestion;
import dev.caregap.ingest.IdentityWriting;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.InboxLocks;
import org.springframework.stereotype.Component;


/**
 * The routes' handle on leases: the heartbeat of this instance's work in progress (and of its inbox locks), the take-over of
 * exports whose reader stopped beating, and the removal of rows an interrupted export still holds (runs and deliveries
 * are taken over by their workers, which look for lapsed leases along with due work).
 */
@Component
public class Leases {

    private final Heartbeat heartbeat;
    private final InboxLocks inboxLocks;
    private final ExportIngestion ingestion;
    private final IdentityWriting identityWriting;
    private final CaregapProperties settings;

    public Leases(Heartbeat heartbeat, InboxLocks inboxLocks, ExportIngestion ingestion, IdentityWriting identityWriting,
                  CaregapProperties settings) {
        this.heartbeat = heartbeat;
        this.inboxLocks = inboxLocks;
        this.ingestion = ingestion;
        this.identityWriting = identityWriting;
        this.settings = settings;
    }

    /** Keeps the work this instance is doing its own for another lease. */
    public void renew() {
        heartbeat.beat(settings.instance(), settings.work().lease());
        inboxLocks.renew();
    }

    /**
     * Exports whose reader stopped beating: their rows are removed and their files, still in the inbox, read again;
     * interrupted exports whose removal a stop cut short: the rest of their rows are removed; and ingested exports
     * whose identities a stopped instance left pending: they are written again from their rows.
     */
    public void takeOverAbandonedExports() {
        ingestion.interruptAbandoned();
        identityWriting.takeOverAbandoned();
    }
}
