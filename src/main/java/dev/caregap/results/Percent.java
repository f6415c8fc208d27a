package dev.caregap.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A share shown as a percentage to one decimal, or a gap as percentage points, rounding half up
 * as the analysis rules require (docs/analysis-rules.md; never the half-even rounding of {@code String.format}).
 *
 * <p>The unrounded double is read as the shortest decimal that stands for it
 * ({@link BigDecimal#valueOf(double)}), so 0.0015 is 0.15 % and shows as "0.2", as a person
 * rounding by hand would expect, rather than as its binary neighbour 0.149999...
 */
public final class Percent {

    private static final MathContext SIGNIFICANT = new MathContext(12, RoundingMode.HALF_EVEN);

    private Percent() {
    }

    /**
     * The share (a proportion 0..1; for a gap, the difference of two shares) times 100 to one decimal,
     * half up (away from zero for a negative gap): 0.36 -> "36.0", 0.7309090909 -> "73.1",
     * -0.3715 -> "-37.2". Empty for NaN or infinity, which have no percentage.
     */
    public static String of(double share) {
        if (!Double.isFinite(share)) {
            return "";
        }
        // 12 significant digits first: a gap of two shares (33/80 - 3/10 = 0.1125) arrives as 0.11249999999999999,
        // and half up must see the half it stands for, not the subtraction's binary noise.
        return BigDecimal.valueOf(share).round(SIGNIFICANT).movePointRight(2).setScale(1, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /**
     * The share (0..1) as a number for a spreadsheet to show with a percent format: the binary noise of a
     * subtraction dropped (12 significant digits, as {@link #of} does), so that the spreadsheet's display, which
     * rounds the shortest decimal of the number, shows what {@link #of} writes. NaN for NaN or infinity.
     */
    public static double share(double share) {
        if (!Double.isFinite(share)) {
            return Double.NaN;
        }
        return BigDecimal.valueOf(share).round(SIGNIFICANT).doubleValue();
    }

    /** A gap (a difference of two shares) in percentage points as a number, as {@link #share} does: -0.3709 -> -37.09. */
    public static double points(double gap) {
        if (!Double.isFinite(gap)) {
            return Double.NaN;
        }
        return BigDecimal.valueOf(gap).round(SIGNIFICANT).movePointRight(2).doubleValue();
    }
}
