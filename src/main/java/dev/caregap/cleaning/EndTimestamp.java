package dev.caregap.cleaning;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads the end timestamp the survey tools write: ISO 8601 (date, then 'T' or a space, hours and minutes,
 * optional seconds and fraction, optional offset or Z; Qualtrics "yyyy-MM-dd HH:mm:ss" is one of these),
 * SurveyMonkey "MM/dd/yyyy hh:mm:ss AM" and Google Forms "M/d/yyyy H:mm:ss". A time without a zone is UTC.
 */
final class EndTimestamp {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** SurveyMonkey: 12-hour clock with AM/PM. Months, days and hours with or without a leading zero. */
    private static final DateTimeFormatter TWELVE_HOUR = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/uuuu h:mm[:ss] a")
            .toFormatter(Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);

    /** Google Forms: 24-hour clock. */
    private static final DateTimeFormatter TWENTY_FOUR_HOUR = new DateTimeFormatterBuilder()
            .appendPattern("M/d/uuuu H:mm[:ss]")
            .toFormatter(Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);

    private EndTimestamp() {
    }

    /** The instant, or null when the text is none of the forms above; a time without a zone is UTC. */
    static Instant parse(String text) {
        return parse(text, ZoneOffset.UTC);
    }

    /** As {@link #parse(String)}, reading a time without a zone in {@code zone} (the zone the file states). */
    static Instant parse(String text, ZoneId zone) {
        String s = text.strip();
        Instant plain = plainDateTime(s, zone);
        if (plain != null) {
            return plain;
        }
        try {
            if (s.indexOf('/') >= 0) {
                char last = s.isEmpty() ? ' ' : Character.toUpperCase(s.charAt(s.length() - 1));
                DateTimeFormatter format = last == 'M' ? TWELVE_HOUR : TWENTY_FOUR_HOUR;
                return LocalDateTime.parse(s, format).atZone(zone).toInstant();
            }
            if (s.length() > 10 && s.charAt(10) == ' ') {
                s = s.substring(0, 10) + 'T' + s.substring(11);
            }
            TemporalAccessor parsed = ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            if (parsed instanceof LocalDateTime local) {
                return local.atZone(zone).toInstant();
            }
            return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * "yyyy-MM-dd HH:mm:ss" (or with 'T'), read by hand: by far the most common form (Qualtrics, tidy files),
     * and a formatter costs microseconds per row. Null when the text has another shape or is no valid time.
     */
    private static Instant plainDateTime(String s, ZoneId zone) {
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
            return zone == ZoneOffset.UTC ? local.toInstant(ZoneOffset.UTC) : local.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written with digits only in {@code s[from, to)}, or -1. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
