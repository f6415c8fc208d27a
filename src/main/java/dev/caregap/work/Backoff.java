package dev.caregap.work;

import java.time.Duration;

/** How long to wait before the next attempt: doubling from the first wait, never longer than the longest. */
final class Backoff {

    private Backoff() {
    }

    /** The wait after {@code attempts} failed attempts (1 = after the first). */
    static Duration after(int attempts, Duration first, Duration longest) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
