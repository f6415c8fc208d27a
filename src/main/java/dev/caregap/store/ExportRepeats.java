package dev.caregap.store;

import dev.caregap.respondent.Respondent;

import java.util.Iterator;

/**
 * The responses an export's own repeated respondent ids bring, found as the settling finds them (RespondentStore): the
 * export's included identities sorted in key order (IdentitySort, memory bounded), an id next to its repeats. For what
 * reads an export without storing it (the benchmark's analysis alone), which must know whether every response counts.
 */
public final class ExportRepeats implements AutoCloseable {

    private final IdentitySort identities;

    public ExportRepeats() {
        this(IdentitySort.RUN);
    }

    /** @param runSize identities sorted in memory before they go to a temporary file */
    ExportRepeats(int runSize) {
        this.identities = new IdentitySort(runSize);
    }

    /** Keeps the respondent's identity if it has one that counts (included, with a respondent id and a segment). */
    public void add(Respondent respondent) {
        identities.add(respondent);
    }

    /** How many responses share their identity (segment and respondent id) with an earlier one in key order. */
    public long repeated() {
        long repeated = 0;
        StoredIdentity previous = null;
        for (Iterator<StoredIdentity> sorted = identities.sorted(); sorted.hasNext(); ) {
            StoredIdentity identity = sorted.next();
            if (previous != null && identity.sameIdentity(previous)) {
                repeated++;
            }
            previous = identity;
        }
        return repeated;
    }

    @Override
    public void close() {
        identities.close();
    }
}
