package dev.caregap.store;

import java.time.Duration;

/**
 * The identities of an export that counts already (ingested, its identities pending), sorted as it was read, until
 * they are in respondent_identity: handed over from the export's writer so they outlive it. Close it once written
 * (or given up on: then whichever instance takes the work over writes them again from the export's rows).
 */
public final class PendingIdentities implements AutoCloseable {

    private final RespondentStore store;
    private final String study;
    private final long exportId;
    private final IdentitySort sorted;

    PendingIdentities(RespondentStore store, String study, long exportId, IdentitySort sorted) {
        this.store = store;
        this.study = study;
        this.exportId = exportId;
        this.sorted = sorted;
    }

    public long exportId() {
        return exportId;
    }

    /**
     * Writes them for {@code owner}, renewing the export's lease by {@code lease} with each transaction, and runs
     * {@code chunkWritten} after each; false when the work was taken over part-way (see RespondentStore.writeIdentities).
     */
    public boolean write(String owner, Duration lease, Runnable chunkWritten) {
        return store.writeIdentities(study, exportId, owner, lease, sorted.sorted(), false, chunkWritten);
    }

    @Override
    public void close() {
        sorted.close();
    }
}
