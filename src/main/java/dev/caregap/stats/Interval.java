package dev.caregap.stats;

/**
 * A 95% interval, as proportions (for a share) or as a difference of proportions (for a gap).
 * Both ends are NaN when there is nothing to estimate from (a base of 0).
 */
public record Interval(double low, double high) {

    /** No interval: the base is empty. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    public boolean isNone() {
        return Double.isNaN(low) || Double.isNaN(high);
    }
}
