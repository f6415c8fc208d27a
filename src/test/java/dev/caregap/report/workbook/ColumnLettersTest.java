package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.study.Measure;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnLettersTest {

    @Test
    void groupsAreLetteredAsSpreadsheetColumns() {
        assertThat(ColumnLetters.letter(0)).isEqualTo("A");
        assertThat(ColumnLetters.letter(2)).isEqualTo("C");
        assertThat(ColumnLetters.letter(25)).isEqualTo("Z");
        assertThat(ColumnLetters.letter(26)).isEqualTo("AA");
        assertThat(ColumnLetters.letter(27)).isEqualTo("AB");
    }

    /**
     * 60 of 100 against 40 of 100: pooled p = 0.5, standard error sqrt(0.25 * 0.02) = 0.070711, z = 0.2 / 0.070711
     * = 2.83 > 1.96: A is higher than B. 50 of 100 against either: z = 1.41, no letter.
     */
    @Test
    void aGroupHoldsTheLettersOfTheGroupsItIsSignificantlyHigherThan() {
        assertThat(ColumnLetters.of(Arrays.asList(share(60, 100), share(40, 100), share(50, 100))))
                .containsExactly("B", "", "");
        assertThat(ColumnLetters.of(Arrays.asList(share(90, 100), share(40, 100), share(10, 100))))
                .containsExactly("B C", "C", "");
    }

    @Test
    void lowBasesEmptyGroupsAndGapsAreNotTested() {
        // 29 respondents: 29 of 29 against 0 of 100 would be significant, but the base is low
        assertThat(ColumnLetters.of(Arrays.asList(share(29, 29), share(0, 100), null)))
                .containsExactly("", "", "");
        Figure gap = new Figure("gap", "Gap", Measure.GAP, null, null, "country", "A", 0, 0, 0.5, 0.4, 0.6,
                Double.NaN, 10.0, 1e-20, false, null);
        assertThat(ColumnLetters.of(Arrays.asList(gap, share(0, 100)))).containsExactly("", "");
    }

    private static Figure share(long count, long base) {
        return new Figure("f", "F", Measure.TOP2, "Q", Figure.TOP2, "country", "g", count, base, (double) count / base,
                0, 1, base, null, null, base < 30, null);
    }
}
