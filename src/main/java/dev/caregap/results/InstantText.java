package dev.caregap.results;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as {@link Instant#toString()} writes it ({@code 2026-03-02T08:00:02Z}, a fraction only when there is
 * one, in groups of three digits), put together directly for the years 1970 to 9999: going through the formatter was
 * a fifth of writing a respondent's row of responses.csv. Other instants go through {@link Instant#toString()}.
 */
final class InstantText {

    private static final int SECONDS_PER_DAY = 86_400;
    /** 10000-01-01T00:00:00Z: from there on a year has five digits and a sign. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private InstantText() {
    }

    /** The instant as {@link Instant#toString()} writes it; empty for none. */
    static String of(Instant instant) {
        if (instant == null) {
            return "";
        }
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
        int ofDay = (int) (seconds % SECONDS_PER_DAY);
        int nano = instant.getNano();
        char[] text = new char[nano == 0 ? 20 : nano % 1_000_000 == 0 ? 24 : nano % 1_000 == 0 ? 27 : 30];
        digits(text, 0, 4, date.getYear());
        text[4] = '-';
        digits(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        digits(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        digits(text, 11, 2, ofDay / 3600);
        text[13] = ':';
        digits(text, 14, 2, ofDay / 60 % 60);
        text[16] = ':';
        digits(text, 17, 2, ofDay % 60);
        if (nano != 0) {
            text[19] = '.';
            int fraction = text.length - 21;  // 3, 6 or 9 digits
            for (int i = fraction; i < 9; i++) {
                nano /= 10;
            }
            digits(text, 20, fraction, nano);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code width} digits, zeros in front, at {@code at}. */
    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
