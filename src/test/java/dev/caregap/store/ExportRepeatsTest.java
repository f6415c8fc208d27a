package dev.caregap.store;

import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportRepeatsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void onlyIncludedResponsesOfAnIdAndSegmentAnEarlierOneHasCountAsRepeatedWhetherSortedInMemoryOrFromRunFiles() {
        List<Respondent> read = List.of(
                respondent(1, "R1", "consumer", null),
                respondent(2, "R2", "consumer", null),
                respondent(3, "R2", "business", null),          // the same id in another segment: another identity
                respondent(4, "R3", "consumer", Exclusion.INCOMPLETE),
                respondent(5, "R1", "consumer", null),          // repeat 1
                respondent(6, "R3", "consumer", Exclusion.INCOMPLETE),
                respondent(7, "R4", "consumer", null),
                respondent(8, "R4", "consumer", Exclusion.INELIGIBLE),
                respondent(9, null, "consumer", null),
                respondent(10, null, "consumer", null),          // no id: no identity to repeat
                respondent(11, "R1", "consumer", null));         // repeat 2
        for (int run : new int[] {IdentitySort.RUN, 3, 1}) {
            try (ExportRepeats repeats = new ExportRepeats(run)) {
                read.forEach(repeats::add);
                assertThat(repeats.repeated()).as("runs of %d", run).isEqualTo(2);
            }
        }
    }

    @Test
    void anExportWithEveryIdOnceRepeatsNothing() {
        try (ExportRepeats repeats = new ExportRepeats(2)) {
            for (int row = 1; row <= 9; row++) {
                repeats.add(respondent(row, "R" + row, "consumer", null));
            }
            assertThat(repeats.repeated()).isZero();
        }
    }

    private static Respondent respondent(long row, String id, String segment, Exclusion exclusion) {
        return new Respondent(row, id, segment, T0.plusSeconds(row), 1.0, exclusion, List.of());
    }
}
