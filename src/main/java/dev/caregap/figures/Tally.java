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

    Tally(int options) {
        counts = new long[options];
        weights = new CompensatedSum[options];
        for (int i = 0; i < options; i++) {
            weights[i] = new CompensatedSum();
        }
    }

    /**
     * Counts one respondent of the base.
     *
     * @param chosen by option index (code - 1), the valid options the respondent chose
     */
    void add(boolean[] chosen, double weight) {
        base++;
        baseWeight.add(weight);
        baseWeightSquares.add(weight * weight);
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                counts[i]++;
                weights[i].add(weight);
            }
        }
    }

    void plus(Tally other) {
        base += other.base;
        baseWeight.plus(other.baseWeight);
        baseWeightSquares.plus(other.baseWeightSquares);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
            weights[i].plus(other.weights[i]);
        }
    }

    /** Takes off respondents counted here before (in {@code other}); an emptied cell is exactly empty again. */
    void minus(Tally other) {
        base -= other.base;
        baseWeight.minus(other.baseWeight);
        baseWeightSquares.minus(other.baseWeightSquares);
        if (base == 0) {
            baseWeight.clear();
            baseWeightSquares.clear();
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] -= other.counts[i];
            weights[i].minus(other.weights[i]);
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
            yes += weights[code - 1].value();
        }
        return Share.weighted(yes, baseWeight.value(), baseWeightSquares.value());
    }

    void write(StringBuilder out) {
        out.append(base).append(' ');
        baseWeight.write(out);
        out.append(' ');
        baseWeightSquares.write(out);
        for (int i = 0; i < counts.length; i++) {
            out.append(' ').append(counts[i]).append(' ');
            weights[i].write(out);
        }
    }

    void read(FigureTallies.Reader in) {
        base = in.nextLong();
        baseWeight.read(in);
        baseWeightSquares.read(in);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.nextLong();
            weights[i].read(in);
        }
    }
}
