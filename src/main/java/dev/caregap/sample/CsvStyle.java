package dev.caregap.sample;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The bytes-level habits of a file: encoding, byte order mark, delimiter, line ends, whether every field
 * is quoted, and blank rows left at the end (spreadsheets leave them).
 */
record CsvStyle(Charset charset, boolean byteOrderMark, char delimiter, String lineEnd, boolean quoteAll,
                int trailingBlankRows) {

    /** Qualtrics: UTF-8 with a BOM, comma, CRLF. */
    static final CsvStyle QUALTRICS = new CsvStyle(StandardCharsets.UTF_8, true, ',', "\r\n", false, 0);
    /** SurveyMonkey: UTF-8, comma, LF. */
    static final CsvStyle SURVEYMONKEY = new CsvStyle(StandardCharsets.UTF_8, false, ',', "\n", false, 0);
    /** Google Forms / Sheets download: UTF-8 without BOM, every field quoted, LF. */
    static final CsvStyle GOOGLE_FORMS = new CsvStyle(StandardCharsets.UTF_8, false, ',', "\n", true, 0);
    /** A hand-made file saved by a European-locale spreadsheet: Windows-1252, semicolons, CRLF, blank rows. */
    static final CsvStyle SPREADSHEET_1252 = new CsvStyle(Charset.forName("windows-1252"), false, ';', "\r\n",
            false, 2);

    CsvStyle withLineEnd(String otherLineEnd) {
        return new CsvStyle(charset, byteOrderMark, delimiter, otherLineEnd, quoteAll, trailingBlankRows);
    }
}
