package dev.caregap.read;

/**
 * Files caregap does not read but can name from their first bytes, so that the reason a file is rejected with says
 * what it is (an old-style Office file, UTF-32 text, UTF-16 text without its byte order mark) rather than calling
 * it binary or its layout unknown.
 */
final class ForeignFormat {

    static final String READS_TEXT = "caregap reads CSV/TSV text in UTF-8, Windows-1252 or UTF-16 with a byte order mark, "
            + "and .xlsx workbooks";
    /** Bytes looked at to tell UTF-16 without a byte order mark. */
    private static final int SAMPLE = 4096;

    private ForeignFormat() {
    }

    /** The rejection's sentence for a file of a format caregap does not read, or null when it is none of these. */
    static String reason(byte[] head, int length) {
        if (FirstBytes.startsWith(head, length, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "The file is an Office file in the old binary format (such as .xls) or a password-protected workbook: "
                    + ExportFile.READS + " without a password.";
        }
        if (FirstBytes.startsWith(head, length, 0x00, 0x00, 0xFE, 0xFF)
                || FirstBytes.startsWith(head, length, 0xFF, 0xFE, 0x00, 0x00)) {
            return "The file is UTF-32 text: " + READS_TEXT + ". Save it as UTF-8.";
        }
        if (isUtf16WithoutMark(head, length)) {
            return "The file is UTF-16 text without a byte order mark: " + READS_TEXT
                    + ". Save it as UTF-8, or as UTF-16 with its byte order mark.";
        }
        return null;
    }

    /**
     * Text of mostly Latin characters in UTF-16 has a NUL byte in every pair, always on the same side (the second in
     * little-endian, the first in big-endian), and the other byte set; binary data and UTF-32 do not.
     */
    private static boolean isUtf16WithoutMark(byte[] head, int length) {
        if (FirstBytes.startsWith(head, length, 0xFF, 0xFE) || FirstBytes.startsWith(head, length, 0xFE, 0xFF)) {
            return false; // UTF-16 with its byte order mark, which is read
        }
        int pairs = Math.min(length, SAMPLE) / 2;
        if (pairs < 2) {
            return false;
        }
        int little = 0;
        int big = 0;
        for (int i = 0; i < pairs; i++) {
            byte first = head[2 * i];
            byte second = head[2 * i + 1];
            if (first != 0 && second == 0) {
                little++;
            } else if (first == 0 && second != 0) {
                big++;
            }
        }
        return Math.max(little, big) * 10 >= pairs * 9;
    }
}
