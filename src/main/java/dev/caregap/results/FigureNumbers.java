package dev.caregap.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How a figure's numbers are written in the CSV results: rounded half up for people (percentages: see
 * {@link Percent}), or plainly to six decimals for recomputing. Every method gives an empty cell for a missing number (null, NaN).
 */
final class FigureNumbers {

    private FigureNumbers() {
    }

    /** The unrounded share as a plain decimal with at most six decimals: 0.730909, -0.3709, 0.36. */
    static String proportion(double share) {
        return decimals(share, 6, true);
    }

    /** An effective base, one decimal. */
    static String effectiveBase(double effectiveBase) {
        return decimals(effectiveBase, 1, false);
    }

    /** A z statistic, four decimals. */
    static String z(Double z) {
        return z == null ? "" : decimals(z, 4, false);
    }

    /** A p-value in scientific notation to three significant digits: 7.68e-46. */
    static String p(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return "";
        }
        // %e rounds half up, and always gives three significant digits with .2
        return String.format(Locale.ROOT, "%.2e", p);
    }

    /** A weight or other measured number as written, without trailing zeros: 1, 0.85. */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String decimals(double value, int scale, boolean stripZeros) {
        if (!Double.isFinite(value)) {
            return "";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
        if (stripZeros) {
            rounded = rounded.stripTrailingZeros();
            if (rounded.scale() < 0) {
                rounded = rounded.setScale(0);
            }
        }
        return rounded.toPlainString();
    }
}
