package dev.caregap.store;

import java.time.Instant;

/** A row of respondent_identity within one export: who (segment, respondent id as stored), which row, when it ended. */
record StoredIdentity(String segment, String respondentId, long row, Instant endedAt) {

    boolean sameIdentity(StoredIdentity other) {
        return segment.equals(other.segment) && respondentId.equals(other.respondentId);
    }
}
