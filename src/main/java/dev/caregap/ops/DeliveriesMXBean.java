package dev.caregap.ops;

/** caregap:type=Deliveries: the outbox (result files, e-mails) by state, every instance's. */
public interface DeliveriesMXBean {

    /** Due and not yet attempted. */
    long getPending();

    /** Failed at least once, tried again with back-off. */
    long getRetrying();

    /** Failed for good after the last attempt. */
    long getFailed();

    /** Done. */
    long getSent();

    /** The newest failure: run, deliverable, recipient, state and reason ("" when none). */
    String getLastFailure();
}
