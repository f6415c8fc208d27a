package dev.caregap.cleaning;

/**
 * A non-negative whole number as exports write it: digits, optionally followed by a fraction of zeros
 * ("4.0"), because spreadsheet cells hold numbers as decimals. "4.5" is not a whole number.
 */
final class WholeNumber {

    /** Returned for text that is no whole number. */
    static final int NONE = -1;

    /** Above this a number is only "very large": callers compare it with limits far below. */
    private static final int CAP = 1_000_000;

    private WholeNumber() {
    }

    /** The number in {@code text[from, to)}, capped at {@value #CAP}, or {@link #NONE}. */
    static int parse(CharSequence text, int from, int to) {
        int i = from;
        long value = 0;
        while (i < to && isDigit(text.charAt(i))) {
            value = Math.min(CAP, value * 10 + (text.charAt(i) - '0'));
            i++;
        }
        if (i == from) {
            return NONE;
        }
        if (i < to && text.charAt(i) == '.') {
            i++;
            while (i < to && text.charAt(i) == '0') {
                i++;
            }
        }
        return i == to ? (int) value : NONE;
    }

    static int parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** Where the number at {@code from} ends (digits, and a fraction of zeros), or {@code from} when none. */
    static int end(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        if (i > from && i < text.length() && text.charAt(i) == '.') {
            int j = i + 1;
            while (j < text.length() && text.charAt(j) == '0') {
                j++;
            }
            if (j > i + 1) {
                return j;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
