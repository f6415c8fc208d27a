package dev.caregap.store;

import java.util.Iterator;

/**
 * An export's sorted identities as an instance that stops part-way through writing them hands them over: after
 * {@code before} of them, or at the latest before the last transaction (the one that clears the pending mark), the
 * next look at them throws, as a kill would end the writing there.
 */
final class StoppingIdentities implements Iterator<StoredIdentity> {

    static final String STOPPED = "the instance stopped";

    private final Iterator<StoredIdentity> sorted;
    private final int before;
    private int given;

    StoppingIdentities(Iterator<StoredIdentity> sorted, int before) {
        this.sorted = sorted;
        this.before = before;
    }

    @Override
    public boolean hasNext() {
        if (!sorted.hasNext()) {
            throw new IllegalStateException(STOPPED);
        }
        return true;
    }

    @Override
    public StoredIdentity next() {
        if (given++ == before) {
            throw new IllegalStateException(STOPPED);
        }
        return sorted.next();
    }
}
