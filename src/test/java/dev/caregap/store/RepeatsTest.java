package dev.caregap.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The identities an export repeats, noted as its identities pass in key order. */
class RepeatsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void eachRepeatedIdentityIsNotedOnceInKeyOrderAndTheSameIdInAnotherSegmentIsNoRepeat() {
        Repeats repeats = new Repeats(10);
        for (StoredIdentity identity : List.of(identity("R1", "consumer", 1), identity("R2", "business", 2),
                identity("R2", "consumer", 3), identity("R3", "consumer", 4), identity("R3", "consumer", 7),
                identity("R3", "consumer", 9), identity("R4", "consumer", 5), identity("R5", "consumer", 6),
                identity("R5", "consumer", 8))) {
            repeats.note(identity);
        }
        assertThat(repeats.repeated()).extracting(StoredIdentity::respondentId).containsExactly("R3", "R5");
    }

    @Test
    void pastTheBoundTheyAreForgotten() {
        Repeats repeats = new Repeats(2);
        for (int id = 1; id <= 3; id++) {
            repeats.note(identity("R" + id, "consumer", id));
            repeats.note(identity("R" + id, "consumer", id + 10));
            if (id < 3) {
                assertThat(repeats.repeated()).hasSize(id);
            }
        }
        assertThat(repeats.repeated()).as("three repeated, two held at most").isNull();
    }

    @Test
    void anExportWithoutRepeatsNotesNone() {
        Repeats repeats = new Repeats(2);
        repeats.note(identity("R1", "consumer", 1));
        repeats.note(identity("R2", "consumer", 2));
        assertThat(repeats.repeated()).isEmpty();
    }

    private static StoredIdentity identity(String id, String segment, long row) {
        return new StoredIdentity(segment, id, row, T0);
    }
}
