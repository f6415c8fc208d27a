package dev.caregap.results;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
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
 */
public final class SafeCsv implements Closeable {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";
    static final char BYTE_ORDER_MARK = '\uFEFF';

    private final CSVPrinter printer;

    private SafeCsv(CSVPrinter printer) {
        this.printer = printer;
    }

    /** Creates (or replaces) the file and writes its header row. */
    static SafeCsv create(Path file, List<String> header) throws IOException {
        // Every cell quoted: a spreadsheet whose list separator is ';' cannot split a text cell into a formula.
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new))
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .get();
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(BYTE_ORDER_MARK);  // so Excel on Windows reads UTF-8, not the system code page
        return new SafeCsv(new CSVPrinter(out, format));
    }

    /**
     * Creates (or replaces) a file of rows only, no byte order mark and no header: rows written the same way as
     * {@link #create}'s, for copying into such a file later byte for byte.
     */
    static SafeCsv rowsOnly(Path file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
        return new SafeCsv(new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format));
    }

    /** A row's first cell as {@link #row} writes it, with the comma after it: what a row of the other cells follows. */
    static String leadingCell(String value) {
        StringBuilder out = new StringBuilder();
        try {
            CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get().print(cell(value), out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a StringBuilder does not fail
        }
        return out.append(',').toString();
    }

    /** Writes one row; a null cell is written empty. */
    void row(List<String> cells) throws IOException {
        List<String> safe = new ArrayList<>(cells.size());
        for (String value : cells) {
            safe.add(cell(value));
        }
        printer.printRecord(safe);
    }

    /** Like {@link #row(List)}, for writing inside a callback that cannot throw checked exceptions. */
    void rowUnchecked(List<String> cells) {
        try {
            row(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        printer.close();
    }
}
