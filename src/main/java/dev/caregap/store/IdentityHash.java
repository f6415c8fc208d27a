package dev.caregap.store;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;

/**
 * The number the identity index keys a respondent id by (respondent_identity.id_hash, V14): 64 bits of MurmurHash3
 * (x64, 128-bit, seed 0) over the id's UTF-8 bytes. A bigint is a fraction of the bytes of the id itself, so the
 * index has fewer pages to rewrite as an export's scattered ids go in. Two ids may share a hash: every lookup through
 * it compares the ids themselves too. Stored: changing the function needs a migration that hashes every id again.
 */
public final class IdentityHash {

    private IdentityHash() {
    }

    public static long of(String respondentId) {
        byte[] bytes = respondentId.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, 0)[0];
    }
}
