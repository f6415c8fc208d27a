package dev.caregap.read;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The records of a delimited text export, streamed one by one with FastCSV. A record is a spreadsheet row
 * (a quoted line break does not start a new one), so the record's count is the row number; empty lines are
 * kept as (blank) records so that numbering stays right. Text after a closing quote is kept ({@code "b"x} reads
 * {@code bx}), as spreadsheets do. A quote never closed, and a field or a row past a generous length, stop the
 * reading with the row named: without those limits a single unclosed quote would gather the rest of the file into
 * one field, in memory.
 */
final class CsvRows implements SheetRows {

    /** Characters one field, and one row in all, may hold; far beyond any real cell. */
    static final int MOST_CHARS = 1_000_000;
    private static final String MOST_CHARS_TEXT = String.format(Locale.ROOT, "%,d", MOST_CHARS);
    private static final int HEADER_LINE_LIMIT = 1 << 20;
    /** How FastCSV words its messages for the failures a person can mend in the file. */
    private static final String UNCLOSED_QUOTE = "Unclosed quoted field";
    private static final String FIELD_TOO_LONG = "The maximum buffer size";

    private final Path file;
    private final String fileName;
    private final TextFormat text;
    private final char delimiter;
    private final String format;
    private final CellTexts cells;
    private final CsvReader<String[]> parser;
    private final Iterator<String[]> records;
    private final CountedInput counted;
    private long lastRow;

    static CsvRows open(Path file, String fileName, TextFormat text) throws IOException {
        CountedInput in = new CountedInput(Files.newInputStream(file));
        try {
            in.skipNBytes(text.bomLength());
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, text.charset()), 1 << 16);
            reader.mark(HEADER_LINE_LIMIT);
            char delimiter = Delimiter.decide(reader, HEADER_LINE_LIMIT);
            return new CsvRows(file, fileName, text, delimiter, new CellTexts(MOST_CHARS), reader, in, 0);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The rows of a part of the file read apart ({@link TextParts}): from a byte just after a line end that ends a
     * record, numbered on from the records before it.
     */
    CsvRows from(TextParts.Cut cut) throws IOException {
        CountedInput in = new CountedInput(Files.newInputStream(file));
        try {
            in.skipNBytes(cut.offset());
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, text.charset()), 1 << 16);
            return new CsvRows(file, fileName, text, delimiter, cells.copy(), reader, in, cut.rowsBefore());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @SuppressWarnings("removal")  // text after a closing quote: FastCSV 4.4 names no other way to keep it
    private CsvRows(Path file, String fileName, TextFormat text, char delimiter, CellTexts cells, BufferedReader reader,
                    CountedInput counted, long rowsBefore) {
        this.file = file;
        this.fileName = fileName;
        this.text = text;
        this.delimiter = delimiter;
        this.format = "CSV (" + text.label() + ", " + Delimiter.label(delimiter) + ")";
        this.cells = cells;
        this.parser = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowExtraCharsAfterClosingQuote(true)
                .allowUnclosedQuote(false)
                .maxBufferSize(MOST_CHARS)
                .build(cells, reader);
        this.records = parser.iterator();
        this.counted = counted;
        this.lastRow = rowsBefore;
    }

    /** Where the file can be cut into parts to read side by side, with this file's encoding and delimiter. */
    List<TextParts.Cut> cuts(int parts, long leastBytes) throws IOException {
        return TextParts.cuts(file, text, delimiter, parts, leastBytes);
    }

    /** The number of the last row handed over (header rows and blank lines counted). */
    long lastRow() {
        return lastRow;
    }

    @Override
    public SheetRow next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            String[] record = records.next();
            lastRow++;
            return new SheetRow(lastRow, record);
        } catch (UncheckedIOException | CsvParseException e) {
            throw rejected(e, lastRow + 1);
        }
    }

    private ExportRejectedException rejected(RuntimeException e, long row) {
        String problem = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof CsvParseException && problem.startsWith(UNCLOSED_QUOTE)) {
            return new ExportRejectedException("The file ends inside a quoted field that starts on row " + row + ".",
                    "file " + fileName + ", row " + row + ": a quote mark opens a field that is never closed", e);
        }
        if (e instanceof CsvParseException && problem.equals(CellTexts.ROW_TOO_LONG)) {
            return new ExportRejectedException("Row " + row + " runs on for more than " + MOST_CHARS_TEXT + " characters.",
                    "file " + fileName + ", row " + row + ": its cells hold more than " + MOST_CHARS_TEXT + " characters in all", e);
        }
        if (e instanceof CsvParseException && problem.startsWith(FIELD_TOO_LONG)) {
            return new ExportRejectedException("A field that starts on row " + row + " runs on for more than " + MOST_CHARS_TEXT
                    + " characters.", "file " + fileName + ", row " + row + ": a field runs on for more than " + MOST_CHARS_TEXT
                    + " characters; a quote mark may open a field that is never closed", e);
        }
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return new ExportRejectedException("The file cannot be read from row " + row + " on.",
                "file " + fileName + ", row " + row + ": " + cause.getMessage(), e);
    }

    @Override
    public void leaveUnread(boolean[] columns) {
        cells.leaveUnread(columns);
    }

    @Override
    public long bytesRead() {
        return counted.count;
    }

    @Override
    public boolean writesEveryCell() {
        return true;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes taken from the file (the reader's buffer reads ahead by up to 64 KB: close enough for progress). */
    private static final class CountedInput extends java.io.FilterInputStream {

        private volatile long count;

        CountedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
