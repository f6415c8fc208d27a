package dev.caregap.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The identities an export repeats itself, noted as its identities pass in key order (where a repeat follows the
 * identity it repeats) while they are written. With no other export of the study ingested these are all the
 * settling has to decide, so it need not go over the export's identities again. Past a bound they are forgotten
 * (memory must not grow with the export), and the settling finds them again.
 */
final class Repeats {

    /** Repeated identities noted at most, unless set: a few megabytes. */
    static final int MOST = 10_000;

    private final int most;
    private List<StoredIdentity> repeated = new ArrayList<>();
    private StoredIdentity previous;

    Repeats(int most) {
        this.most = most;
    }

    /** Notes the next identity in key order. */
    void note(StoredIdentity identity) {
        if (repeated != null && previous != null && identity.sameIdentity(previous)
                && (repeated.isEmpty() || !identity.sameIdentity(repeated.get(repeated.size() - 1)))) {
            repeated.add(identity);
            if (repeated.size() > most) {
                repeated = null;  // too many to hold
            }
        }
        previous = identity;
    }

    /** Each repeated identity once, in key order; null when there were more than could be held. */
    List<StoredIdentity> repeated() {
        return repeated;
    }
}
