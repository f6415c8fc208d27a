package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.results.Percent;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How a figure moved since the run delivered before: the difference of the two values as reports show them
 * (each rounded half up to one decimal), so "up 2.3 pts from 34.8" always agrees with the 37.1 beside it.
 */
public final class Change {

    private Change() {
    }

    /** The change in points, e.g. "2.3" or "-1.0"; empty when either value is missing. */
    public static Optional<BigDecimal> points(Figure now, Figure before) {
        String a = Percent.of(now.share());
        String b = Percent.of(before.share());
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(a).subtract(new BigDecimal(b)));
    }

    /** "up 2.3 pts from 34.8", "down 1.0 pts from 38.1%", "unchanged"; "not reported before" without one. */
    public static String words(Figure now, Optional<Figure> before) {
        if (before.isEmpty()) {
            return "not reported before";
        }
        Optional<BigDecimal> points = points(now, before.get());
        if (points.isEmpty()) {
            return "no comparison (no answers in one of the runs)";
        }
        String from = Percent.of(before.get().share()) + (now.question() == null ? "" : "%");
        int sign = points.get().signum();
        if (sign == 0) {
            return "unchanged";
        }
        return (sign > 0 ? "up " : "down ") + points.get().abs().toPlainString() + " pts from " + from;
    }

    /** The change as a signed number for a table: "+2.3", "-1.0", "0.0"; empty without a comparison. */
    public static String signed(Figure now, Optional<Figure> before) {
        return before.flatMap(b -> points(now, b))
                .map(p -> (p.signum() > 0 ? "+" : p.signum() < 0 ? "\u2212" : "") + p.abs().toPlainString())
                .orElse("");
    }
}
