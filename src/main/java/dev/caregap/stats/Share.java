package dev.caregap.stats;

/**
 * A share of a base with what its interval needs: the proportion and the base it stands on.
 * For weighted data the base is the Kish effective base (sum w)^2 / sum w^2, which equals the
 * respondent count when every weight is 1.
 *
 * <p>A share of an empty base (base 0) is NaN and has no interval ({@link Interval#NONE}).
 *
 * @param value         the proportion 0..1 (weighted when weights are used); NaN for an empty base
 * @param effectiveBase the base the interval is computed on; 0 for an empty base
 */
public record Share(double value, double effectiveBase) {

    /** The z of a two-sided 95% interval. */
    public static final double Z95 = 1.959964;

    /** An unweighted share: {@code count} of {@code base} respondents. */
    public static Share of(long count, long base) {
        if (count < 0 || count > base) {
            throw new IllegalArgumentException("count " + count + " outside base " + base);
        }
        return base == 0 ? empty() : new Share((double) count / base, base);
    }

    /**
     * A weighted share.
     *
     * @param yesWeight  sum of the weights of respondents who gave the answer
     * @param baseWeight sum of the weights of respondents in the base
     * @param baseWeightSquares sum of the squared weights in the base
     */
    public static Share weighted(double yesWeight, double baseWeight, double baseWeightSquares) {
        if (baseWeight <= 0 || baseWeightSquares <= 0) {
            return empty();
        }
        // Clamped: summing the same weights in another order can leave yes a hair above the base.
        double value = Math.min(1.0, Math.max(0.0, yesWeight / baseWeight));
        return new Share(value, baseWeight * baseWeight / baseWeightSquares);
    }

    public static Share empty() {
        return new Share(Double.NaN, 0);
    }

    public boolean isEmpty() {
        return !(effectiveBase > 0) || Double.isNaN(value);
    }

    /** Wilson score interval at 95%; {@link Interval#NONE} for an empty base. */
    public Interval wilson() {
        return wilson(Z95);
    }

    /** Wilson score interval for the given z; 0 and 1 are exact ends for shares of 0 and 1. */
    public Interval wilson(double z) {
        if (isEmpty()) {
            return Interval.NONE;
        }
        double n = effectiveBase;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (value + z2 / (2 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(value * (1 - value) / n + z2 / (4 * n * n));
        double low = value == 0 ? 0 : Math.max(0, centre - halfWidth);
        double high = value == 1 ? 1 : Math.min(1, centre + halfWidth);
        return new Interval(low, high);
    }
}
