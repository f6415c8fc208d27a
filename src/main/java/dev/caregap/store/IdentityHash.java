package dev.caregap.store;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;

/**
 * The number an identity is sorted and found by (respondent_identity.id_hash, V14; each export's run of them,
 * identity_run, V21): 64 bits of MurmurHash3 (x64, 128-bit, seed 0) over the id's UTF-8 bytes. A run of bigints is a
 * fraction of the bytes of the ids themselves. Two ids may share a hash: every match through it compares the ids
 * themselves too. Stored: changing the function needs a migration that hashes every id again.
 */
public final class IdentityHash {

    private IdentityHash() {
    }

    public static long of(String respondentId) {
        byte[] bytes = respondentId.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, 0)[0];
    }
}
