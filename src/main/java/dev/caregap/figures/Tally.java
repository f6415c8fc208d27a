package dev.caregap.figures;

import dev.caregap.stats.Share;

import java.util.List;

/**
 * The running counts of one question within one group of respondents: how many are in the base, how
 * many chose each option, and the weight sums a weighted share and its Kish effective base need.
 * Its size depends on the number of options only, never on the number of respondents.
 */
final class Tally {

    private long base;
    private double baseWeight;
    private double baseWeightSquares;
    private final long[] counts;
    private final double[] weights;

    Tally(int options) {
        counts = new long[options];
        weights = new double[options];
    }

    /**
     * Counts one respondent of the base.
     *
     * @param chosen by option index (code - 1), the valid options the respondent chose
     */
    void add(boolean[] chosen, double weight) {
        base++;
        baseWeight += weight;
        baseWeightSquares += weight * weight;
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                counts[i]++;
                weights[i] += weight;
            }
        }
    }

    long base() {
        return base;
    }

    /** Respondents of the base who chose one of the codes (the codes of one answer are exclusive). */
    long count(List<Integer> codes) {
        long count = 0;
        for (int code : codes) {
            count += counts[code - 1];
        }
        return count;
    }

    /** The weighted share choosing one of the codes; equals count / base when every weight is 1. */
    Share share(List<Integer> codes) {
        double yes = 0;
        for (int code : codes) {
            yes += weights[code - 1];
        }
        return Share.weighted(yes, baseWeight, baseWeightSquares);
    }
}
