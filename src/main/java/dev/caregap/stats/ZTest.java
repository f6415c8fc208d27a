package dev.caregap.stats;

/**
 * A two-sided two-proportion z-test.
 *
 * @param z the z statistic (positive when the minuend's share is higher); NaN when it cannot be computed
 * @param p the two-sided p-value; NaN when z is NaN
 */
public record ZTest(double z, double p) {

    public static final ZTest NONE = new ZTest(Double.NaN, Double.NaN);

    /** Two-sided level of a test at 95%. */
    public static final double ALPHA_95 = 0.05;

    /** The difference is significant at 95% (two-sided p below 0.05); false when there was no test. */
    public boolean significant() {
        return p < ALPHA_95;
    }
}
