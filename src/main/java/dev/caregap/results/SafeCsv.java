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
 * such as {@code =HYPERLINK(...)} shows as text. A cell that is a plain number ({@code -3.2},
 * {@code -1.5e-3}) is data, not a formula, and stays as it is, so negative gaps remain numbers.
 */
final class SafeCsv implements Closeable {

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
        if (PLAIN_NUMBER.matcher(value).matches()) {
            return value;
        }
        // Spreadsheets skip leading blanks and read full-width signs as their ASCII forms.
        char lead = value.charAt(0);
        String first = Normalizer.normalize(value.stripLeading(), Normalizer.Form.NFKC);
        boolean formula = lead == '\t' || lead == '\r'
                || !first.isEmpty() && FORMULA_STARTS.indexOf(first.charAt(0)) >= 0;
        return formula ? "'" + value : value;
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
