package dev.caregap.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityHashTest {

    /**
     * The stored hashes (respondent_identity.id_hash) must never change: the expected values are the first half of
     * MurmurHash3_x64_128 (seed 0) over the ids' UTF-8 bytes as the reference implementation computes it (the mmh3
     * package's hash64), not this code's output.
     */
    @Test
    void anIdHashesToTheFirstHalfOfMurmurHash3x64Of128BitsOverItsUtf8Bytes() {
        assertThat(IdentityHash.of("R_1xYz")).isEqualTo(3959050383762233772L);
        assertThat(IdentityHash.of("R_3kTq9wZbLm2Pf8A")).isEqualTo(-812848936956218557L);
        assertThat(IdentityHash.of("Ünïcødé-42")).isEqualTo(3296600997460661451L);
    }
}
