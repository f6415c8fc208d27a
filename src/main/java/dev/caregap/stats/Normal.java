package dev.caregap.stats;

/**
 * The standard normal distribution, precise far into its tails so that p-values such as 1e-45 keep
 * their significant digits (1 - cdf would lose them all).
 *
 * <p>The complementary error function is computed from its Maclaurin series for small arguments and
 * from Laplace's continued fraction (evaluated by the modified Lentz method) for larger ones; both are
 * summed to full double precision, so no fitted coefficients are involved.
 */
public final class Normal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double SQRT_2 = Math.sqrt(2.0);
    /** Below it the series is used: its terms stay small enough not to cancel away digits. */
    private static final double SERIES_LIMIT = 1.5;
    private static final double TINY = 1e-300;
    private static final double EPSILON = 1e-17;
    private static final int MAX_TERMS = 100_000;

    private Normal() {
    }

    /** P(Z &lt;= x). */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT_2);
    }

    /** P(Z &gt; x), without the cancellation of {@code 1 - cdf(x)}. */
    public static double upperTail(double x) {
        return 0.5 * erfc(x / SQRT_2);
    }

    /** P(|Z| &gt;= |z|): the two-sided p-value of a z statistic; NaN for NaN. */
    public static double twoSidedP(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Math.min(1.0, erfc(Math.abs(z) / SQRT_2));
    }

    /** The complementary error function 1 - erf(x). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < SERIES_LIMIT) {
            return 1.0 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0.0; // below the smallest positive double
        }
        return Math.exp(-x * x) / SQRT_PI * continuedFraction(x);
    }

    /** erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)). */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double power = x; // (-1)^n x^(2n+1) / n!
        double sum = x;
        for (int n = 1; n < MAX_TERMS; n++) {
            power *= -x2 / n;
            double term = power / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < EPSILON * Math.abs(sum)) {
                break;
            }
        }
        return 2.0 / SQRT_PI * sum;
    }

    /**
     * K(x) with erfc(x) = exp(-x^2)/sqrt(pi) * K(x),
     * K = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))).
     */
    private static double continuedFraction(double x) {
        // b0 + a1/(b1 + a2/(b2 + ...)) with b0 = x, a_k = k/2, b_k = x; K = 1 / that.
        double f = x;
        double c = f;
        double d = 0.0;
        for (int k = 1; k < MAX_TERMS; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = x + a / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                break;
            }
        }
        return 1.0 / f;
    }
}
