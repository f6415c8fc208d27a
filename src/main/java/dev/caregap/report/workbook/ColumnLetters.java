package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.stats.Gap;
import dev.caregap.stats.Share;
import dev.caregap.study.Measure;

import java.util.ArrayList;
import java.util.List;

/**
 * The significance letters of one crosstab row, as survey tab tools mark them: the groups are lettered A, B, C ...
 * across, and a group's cell holds the letter of every other group whose share is significantly lower at 95%.
 *
 * <p>Each pair is compared with the pooled two-proportion z-test the gaps get ({@link Gap#zTest()}), two-sided at
 * 95%: on the weighted shares with their Kish effective bases, as analysis rule 4 asks of every test, which for
 * unweighted data (every weight 1) is the classic test on counts and bases. There is no correction for the number of
 * pairs compared, as is usual in tab tools. A group with a base under 30 is not tested (it gets no letter and gives
 * none), nor is an empty group or a gap (a difference of two shares is not a share of a group).
 */
final class ColumnLetters {

    /** Bases below this are low: no test. The same limit the figures flag. */
    static final int LOW_BASE = 30;

    private ColumnLetters() {
    }

    /** The letter of the {@code index}-th group (0 is A): A..Z, then AA, AB ... as spreadsheet columns are named. */
    static String letter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /**
     * For each group (null: the group has no figure in this row), the letters of the groups it is significantly
     * higher than, separated by spaces; empty when none.
     */
    static List<String> of(List<Figure> groups) {
        List<String> letters = new ArrayList<>(groups.size());
        for (int column = 0; column < groups.size(); column++) {
            Figure group = groups.get(column);
            StringBuilder higherThan = new StringBuilder();
            for (int other = 0; other < groups.size(); other++) {
                Figure lower = groups.get(other);
                if (other != column && testable(group) && testable(lower) && higher(group, lower)) {
                    higherThan.append(higherThan.isEmpty() ? "" : " ").append(letter(other));
                }
            }
            letters.add(higherThan.toString());
        }
        return letters;
    }

    static boolean testable(Figure f) {
        return f != null && f.measure() != Measure.GAP && f.base() >= LOW_BASE && f.effectiveBase() > 0
                && !Double.isNaN(f.share());
    }

    private static boolean higher(Figure group, Figure other) {
        var test = new Gap(new Share(group.share(), group.effectiveBase()), new Share(other.share(), other.effectiveBase()))
                .zTest();
        return test.significant() && test.z() > 0;
    }
}
