package dev.caregap.store;

import java.time.Instant;

/**
 * A row of respondent_identity within one export: who (segment, respondent id as stored, and the id's hash its
 * export's run holds, see {@link IdentityHash}), which row, when it ended.
 */
record StoredIdentity(String segment, String respondentId, long idHash, long row, Instant endedAt) {

    StoredIdentity(String segment, String respondentId, long row, Instant endedAt) {
        this(segment, respondentId, IdentityHash.of(respondentId), row, endedAt);
    }

    boolean sameIdentity(StoredIdentity other) {
        return segment.equals(other.segment) && respondentId.equals(other.respondentId);
    }
}
