package dev.caregap.figures;

import dev.caregap.stats.Share;

import java.util.List;

/**
 * The running counts of one question within one group of respondents: how many are in the base, how
 * many chose each option, and the weight sums a weighted share and its Kish effective base need.
 * Its size depends on the number of options only, never on the number of respondents. Tallies add up
 * and subtract (counts exactly, weight sums compensated), so one export's tally can join or leave a run's.
 */
final class Tally {

    private long base;
    private final CompensatedSum baseWeight = new CompensatedSum();
    private final CompensatedSum baseWeightSquares = new CompensatedSum();
    private final long[] counts;
    private final CompensatedSum[] weights;
    /**
     * Respondents of the base, and by option those who chose it, whose weight is in the sums above. A weight of 1
     * (every respondent of a study without weights) is only counted, and joins the sums as one whole number of ones
     * when they are read or combined ({@link #withOnes}): counting is most of the work per respondent, and a study
     * without weights gets the very same sums (whole numbers add exactly); with weights, the same to rounding.
     */
    private long summedBase;
    private final long[] summedCounts;

    Tally(int options) {
        counts = new long[options];
        summedCounts = new long[options];
        weights = new CompensatedSum[options];
        for (int i = 0; i < options; i++) {
            weights[i] = new CompensatedSum();
        }
    }

    /**
     * Counts one respondent of the base.
     *
     * @param chosen the option indexes (code - 1) of the valid options the respondent chose, the first {@code count}
     */
    void add(int[] chosen, int count, double weight) {
        base++;
        for (int i = 0; i < count; i++) {
            counts[chosen[i]]++;
        }
        if (weight != 1) {
            summedBase++;
            baseWeight.add(weight);
            baseWeightSquares.add(weight * weight);
            for (int i = 0; i < count; i++) {
                summedCounts[chosen[i]]++;
                weights[chosen[i]].add(weight);
            }
        }
    }

    /** Adds the respondents of weight 1 not yet in the sums to them; the tally means the same. */
    private void fold() {
        for (int i = 0; i < counts.length; i++) {
            addOnes(weights[i], counts[i] - summedCounts[i]);
            summedCounts[i] = counts[i];
        }
        addOnes(baseWeight, base - summedBase);
        addOnes(baseWeightSquares, base - summedBase);
        summedBase = base;
    }

    /** A sum with {@code ones} respondents of weight 1 added to it, the sum itself unchanged. */
    private static CompensatedSum withOnes(CompensatedSum sum, long ones) {
        if (ones == 0) {
            return sum;
        }
        CompensatedSum with = sum.copy();
        addOnes(with, ones);
        return with;
    }

    /** Adds {@code ones} respondents of weight 1 as one whole number: exact. */
    private static void addOnes(CompensatedSum sum, long ones) {
        if (ones != 0) {
            sum.add(ones);
        }
    }

    void plus(Tally other) {
        fold();
        base += other.base;
        summedBase = base;
        baseWeight.plus(withOnes(other.baseWeight, other.base - other.summedBase));
        baseWeightSquares.plus(withOnes(other.baseWeightSquares, other.base - other.summedBase));
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
            summedCounts[i] = counts[i];
            weights[i].plus(withOnes(other.weights[i], other.counts[i] - other.summedCounts[i]));
        }
    }

    /** Takes off respondents counted here before (in {@code other}); an emptied cell is exactly empty again. */
    void minus(Tally other) {
        fold();
        base -= other.base;
        summedBase = base;
        baseWeight.minus(withOnes(other.baseWeight, other.base - other.summedBase));
        baseWeightSquares.minus(withOnes(other.baseWeightSquares, other.base - other.summedBase));
        if (base == 0) {
            baseWeight.clear();
            baseWeightSquares.clear();
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] -= other.counts[i];
            summedCounts[i] = counts[i];
            weights[i].minus(withOnes(other.weights[i], other.counts[i] - other.summedCounts[i]));
            if (counts[i] == 0) {
                weights[i].clear();
            }
        }
        if (base < 0) {
            throw new IllegalStateException("more respondents taken off a tally than were counted in it");
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
            yes += withOnes(weights[code - 1], counts[code - 1] - summedCounts[code - 1]).value();
        }
        long ones = base - summedBase;
        return Share.weighted(yes, withOnes(baseWeight, ones).value(), withOnes(baseWeightSquares, ones).value());
    }

    void write(StringBuilder out) {
        long ones = base - summedBase;
        out.append(base).append(' ');
        withOnes(baseWeight, ones).write(out);
        out.append(' ');
        withOnes(baseWeightSquares, ones).write(out);
        for (int i = 0; i < counts.length; i++) {
            out.append(' ').append(counts[i]).append(' ');
            withOnes(weights[i], counts[i] - summedCounts[i]).write(out);
        }
    }

    void read(FigureTallies.Reader in) {
        base = in.nextLong();
        summedBase = base;
        baseWeight.read(in);
        baseWeightSquares.read(in);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.nextLong();
            summedCounts[i] = counts[i];
            weights[i].read(in);
        }
    }
}
