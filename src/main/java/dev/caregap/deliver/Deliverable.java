package dev.caregap.deliver;

import dev.caregap.run.RunReport;
import dev.caregap.store.DeliveryStore.Delivery;

import java.util.List;

/**
 * Something a computed run owes someone: its result files, later e-mails. Each (run, deliverable, recipient)
 * is one row of the outbox, made when the run is computed; a deliverable may be called again for the same row
 * after a crash, so doing it twice must do no harm.
 */
public interface Deliverable {

    /** The name in the outbox, e.g. {@code result-files}. */
    String name();

    /** Who gets this deliverable of a study's runs (one outbox row each). */
    List<String> recipients(String study);

    /**
     * Delivers a run to one recipient; returns where it went (a folder, an address) for the outbox row.
     * Throws when it could not: the row is tried again later.
     */
    String deliver(RunReport run, String recipient) throws Exception;

    /**
     * Delivers one outbox row: by default its run to its recipient. A row without a run (the receipt of a mailed
     * message) gets {@code run} null and reads what it needs through the row.
     */
    default String deliver(Delivery row, RunReport run) throws Exception {
        return deliver(run, row.recipient());
    }
}
