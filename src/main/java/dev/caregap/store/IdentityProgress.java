package dev.caregap.store;

import java.time.Duration;

/**
 * What an export that waits for its study's identities still being written waits on (see
 * RespondentStore.settleDuplicates): woken as chunks of the identities this instance writes commit. Identities another
 * instance writes are only seen by looking again, so every wait is bounded.
 */
public interface IdentityProgress {

    /** Chunks of identities written so far, taken before looking at the database, so none written meanwhile is missed. */
    long seen();

    /** Waits until more than {@code seen} chunks are written, or for {@code atMost}. */
    void awaitMore(long seen, Duration atMost) throws InterruptedException;

    /** No wake-ups: every wait lasts {@code atMost} (nothing of this instance writes identities meanwhile). */
    IdentityProgress LOOKING = new IdentityProgress() {
        @Override
        public long seen() {
            return 0;
        }

        @Override
        public void awaitMore(long seen, Duration atMost) throws InterruptedException {
            Thread.sleep(atMost.toMillis());
        }
    };
}
