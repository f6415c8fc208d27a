package dev.caregap.cleaning;

/**
 * A plain non-negative decimal as written in a weight or progress cell: digits with at most one decimal
 * point, where a decimal comma ("1,5") counts as a point because semicolon-separated exports from
 * European spreadsheets write it so. Signs, exponents, "NaN" and thousands separators are not read.
 */
final class DecimalNumber {

    private DecimalNumber() {
    }

    /** The value, or NaN when the text is no plain decimal. */
    static double parse(String text) {
        String s = text.strip();
        boolean digits = false;
        int separator = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if ((c == '.' || c == ',') && separator < 0) {
                separator = i;
            } else {
                return Double.NaN;
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        if (separator < 0 && s.length() <= 15) {
            return Long.parseLong(s);  // below 2^53: exactly as parseDouble reads it, without its buffer
        }
        return Double.parseDouble(separator < 0 ? s : s.replace(',', '.'));
    }
}
