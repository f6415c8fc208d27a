package dev.caregap.store;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sorted identities handed to RespondentStore.writeIdentities by an instance that is held up after the first
 * {@code before} of them (those are committed then, when {@code before} is a whole number of chunks), until released.
 */
final class HeldUpIdentities implements Iterator<StoredIdentity> {

    private final List<StoredIdentity> sorted;
    private final int before;
    private final CountDownLatch heldUp = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private int given;

    HeldUpIdentities(List<StoredIdentity> sorted, int before) {
        this.sorted = List.copyOf(sorted);
        this.before = before;
    }

    @Override
    public boolean hasNext() {
        return given < sorted.size();
    }

    @Override
    public StoredIdentity next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (given == before) {
            heldUp.countDown();
            await(released);
        }
        return sorted.get(given++);
    }

    /** Waits until the writer is held up. */
    void awaitHeldUp() {
        await(heldUp);
    }

    void release() {
        released.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread did not come within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
