package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.results.Percent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers as reports write them for people; percentages round half up to one decimal as the CSV files do. */
public final class Numbers {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private Numbers() {
    }

    /** A share as "73.1%"; "n/a" when no one answered. */
    public static String percent(double share) {
        String p = Percent.of(share);
        return p.isEmpty() ? "n/a" : p + "%";
    }

    /** A gap as "37.1 pts". */
    public static String points(double gap) {
        String p = Percent.of(gap);
        return p.isEmpty() ? "n/a" : p + " pts";
    }

    /** A figure as read: points for a gap, else a percentage. */
    public static String value(Figure figure) {
        return figure.question() == null ? points(figure.share()) : percent(figure.share());
    }

    /** The 95% interval as "32.3 to 41.6" (percent, or points for a gap). */
    public static String interval(Figure figure) {
        String low = Percent.of(figure.low());
        String high = Percent.of(figure.high());
        return low.isEmpty() || high.isEmpty() ? "n/a" : low + " to " + high;
    }

    /** A count with thousands separators: 1,650. */
    public static String count(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    public static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
