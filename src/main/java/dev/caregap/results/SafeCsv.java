package dev.caregap.results;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CSV file of results that is safe to open in a spreadsheet: UTF-8 with a byte order mark (so Excel
 * does not guess the encoding), a header row, comma-separated, every cell quoted (so no list separator
 * splits a cell), and no cell that a spreadsheet would run as a formula.
 *
 * <p>Every result file's cells pass through {@link #cell(String)}: a text cell starting with
 * {@code = + - @}, a tab or a carriage return gets a leading single quote, so an open-text answer
 * such as {@code =HYPERLINK(...)} shows as text. Leading blanks and invisible characters (no-break
 * space, zero-width space, byte order mark, soft hyphen, direction marks, ...) are looked through, since
 * a spreadsheet may drop them and run what follows. A cell that is a plain number ({@code -3.2},
 * {@code -1.5e-3}) is data, not a formula, and stays as it is, so negative gaps remain numbers.
 *
 * <p>The rows are RFC 4180 with every cell quoted, as Commons CSV's {@code QuoteMode.ALL_NON_NULL} writes them (a
 * test holds the two to the same bytes), but put together here, with the rows handed to the encoder in large chunks:
 * responses.csv writes every included respondent's row on the thread that reads the export, where a printer's work
 * per cell was a sizeable share of the reading.
 */
public final class SafeCsv implements Closeable {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";
    static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String ROW_END = "\r\n";
    /** Rows are handed to the encoder in chunks of about this many characters. */
    private static final int CHUNK = 1 << 15;

    private final Writer out;
    private final StringBuilder pending = new StringBuilder(CHUNK + (CHUNK >> 2));
    private final StringBuilder cells = new StringBuilder();
    private char[] chunk = new char[CHUNK];

    private SafeCsv(Path file) throws IOException {
        // as Files.newBufferedWriter: text that is no UTF-8 (a lone surrogate) fails the writing, nothing is replaced
        this.out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8.newEncoder());
    }

    /** Creates (or replaces) the file and writes its header row. */
    static SafeCsv create(Path file, List<String> header) throws IOException {
        SafeCsv csv = new SafeCsv(file);
        csv.pending.append(BYTE_ORDER_MARK);  // so Excel on Windows reads UTF-8, not the system code page
        // the header's names are ours, written as they are (quoted, not made safe)
        for (int i = 0; i < header.size(); i++) {
            appendQuoted(i == 0 ? csv.cells : csv.cells.append(','), header.get(i));
        }
        csv.row(csv.cells);
        return csv;
    }

    /**
     * Creates (or replaces) a file of rows only, no byte order mark and no header: rows written the same way as
     * {@link #create}'s, for copying into such a file later byte for byte.
     */
    static SafeCsv rowsOnly(Path file) throws IOException {
        return new SafeCsv(file);
    }

    /** A row's first cell as {@link #row} writes it, with the comma after it: what a row of the other cells follows. */
    static String leadingCell(String value) {
        return appendCell(new StringBuilder(), value).append(',').toString();
    }

    /** Writes one row; a null cell is written empty. */
    void row(List<String> values) throws IOException {
        cells.setLength(0);
        for (String value : values) {
            if (!cells.isEmpty()) {
                cells.append(',');
            }
            appendCell(cells, value);
        }
        row(cells);
    }

    /** Like {@link #row(List)}, for writing inside a callback that cannot throw checked exceptions. */
    void rowUnchecked(List<String> values) {
        try {
            row(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row whose cells were put together with {@link #appendCell}, separated by commas. */
    void row(CharSequence cells) throws IOException {
        pending.append(cells).append(ROW_END);
        if (pending.length() >= CHUNK) {
            drain();
        }
    }

    /**
     * Appends the cell as every row writes it: made safe ({@link #cell}), in double quotes, a double quote in it
     * doubled (RFC 4180). A null cell is written empty.
     */
    static StringBuilder appendCell(StringBuilder row, String value) {
        if (value == null || value.isEmpty()) {
            return row.append("\"\"");
        }
        return appendQuoted(row, formulaLike(value) ? "'" + value : value);
    }

    /** Appends the text in double quotes, a double quote in it doubled; null as nothing at all (Commons CSV's way). */
    private static StringBuilder appendQuoted(StringBuilder row, String text) {
        if (text == null) {
            return row;
        }
        row.append('"');
        int quote = text.indexOf('"');
        int from = 0;
        while (quote >= 0) {
            row.append(text, from, quote + 1).append('"');
            from = quote + 1;
            quote = text.indexOf('"', from);
        }
        return row.append(text, from, text.length()).append('"');
    }

    private void drain() throws IOException {
        int length = pending.length();
        if (length == 0) {
            return;
        }
        if (chunk.length < length) {
            chunk = new char[length];
        }
        pending.getChars(0, length, chunk, 0);
        pending.setLength(0);
        out.write(chunk, 0, length);
    }

    /** The cell as written: empty for null, quoted away from formulas for text that a spreadsheet would run. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return formulaLike(value) ? "'" + value : value;
    }

    /** A cell as it was before {@link #cell}: the quote put in front of formula-like text taken off. */
    static String uncell(String written) {
        return written.startsWith("'") && formulaLike(written.substring(1)) ? written.substring(1) : written;
    }

    /**
     * Whether a spreadsheet would run this text as a formula if it were typed into a cell: it starts with
     * {@code = + - @}, a tab or a carriage return, looking through leading blanks and invisible characters
     * (full-width signs count as their ASCII forms). A plain number such as {@code -3.2} is data, not a formula.
     */
    public static boolean formulaLike(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char lead = value.charAt(0);
        if (lead > ' ' && lead < 0x7F && FORMULA_STARTS.indexOf(lead) < 0) {
            return false;  // most cells: a visible ASCII character that starts no formula (every cell passes here)
        }
        if (PLAIN_NUMBER.matcher(value).matches()) {
            return false;
        }
        if (lead == '\t' || lead == '\r') {
            return true;
        }
        // Spreadsheets skip leading blanks and invisibles and read full-width signs as their ASCII forms.
        int start = 0;
        while (start < value.length() && invisible(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        if (start == value.length()) {
            return false;
        }
        int end = start + Character.charCount(value.codePointAt(start));
        String first = Normalizer.normalize(value.substring(start, end), Normalizer.Form.NFKC);
        return !first.isEmpty() && FORMULA_STARTS.indexOf(first.charAt(0)) >= 0;
    }

    /**
     * Blank or shows nothing: white space of any kind (no-break spaces too), control and format characters
     * (zero-width spaces and joiners, byte order mark, soft hyphen, direction marks) and the other
     * default-ignorable code points of Unicode (variation selectors, Hangul fillers, ...).
     */
    static boolean invisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return true;
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.CONTROL) {
            return true;
        }
        return c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || c >= 0x180B && c <= 0x180F || c >= 0x2060 && c <= 0x206F || c == 0x3164
                || c >= 0xFE00 && c <= 0xFE0F || c == 0xFFA0 || c >= 0xFFF0 && c <= 0xFFF8
                || c >= 0x1BCA0 && c <= 0x1BCA3 || c >= 0x1D173 && c <= 0x1D17A || c >= 0xE0000 && c <= 0xE0FFF;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            drain();
        }
    }
}
