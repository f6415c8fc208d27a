package dev.caregap.read;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The records of a delimited text export, streamed one by one with Commons CSV. A record is a spreadsheet row
 * (a quoted line break does not start a new one), so the record number is the row number; empty lines are
 * kept as (blank) records so that numbering stays right.
 */
final class CsvRows implements SheetRows {

    private static final int HEADER_LINE_LIMIT = 1 << 20;
    private static final String UNCLOSED_QUOTE = "EOF reached before encapsulated token finished";

    private final String fileName;
    private final String format;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long lastRow;
    private CountedInput counted;

    private CsvRows(String fileName, String format, CSVParser parser) {
        this.fileName = fileName;
        this.format = format;
        this.parser = parser;
        this.records = parser.iterator();
    }

    static CsvRows open(Path file, String fileName, TextFormat text) throws IOException {
        CountedInput in = new CountedInput(Files.newInputStream(file));
        try {
            in.skipNBytes(text.bomLength());
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, text.charset()), 1 << 16);
            reader.mark(HEADER_LINE_LIMIT);
            char delimiter = Delimiter.decide(reader, HEADER_LINE_LIMIT);
            CSVFormat csv = CSVFormat.DEFAULT.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .setTrailingData(true)
                    .get();
            String format = "CSV (" + text.label() + ", " + Delimiter.label(delimiter) + ")";
            CsvRows rows = new CsvRows(fileName, format,
                    CSVParser.builder().setReader(new BoundedRecords(reader, delimiter)).setFormat(csv).get());
            rows.counted = in;
            return rows;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public SheetRow next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            lastRow = record.getRecordNumber();
            return new SheetRow(lastRow, record.values());
        } catch (UncheckedIOException e) {
            long row = lastRow + 1;
            BoundedRecords.TooLong tooLong = find(e, BoundedRecords.TooLong.class);
            if (tooLong != null) {
                String limit = String.format(java.util.Locale.ROOT, "%,d", BoundedRecords.MOST_CHARS);
                throw new ExportRejectedException((tooLong.quoted ? "A quoted field that starts on row " + row : "Row " + row)
                        + " runs on for more than " + limit + " characters.",
                        "file " + fileName + ", row " + row + ": " + tooLong.getMessage()
                                + (tooLong.quoted ? "; a quote mark may open a field that is never closed" : ""), e);
            }
            if (mentions(e, UNCLOSED_QUOTE)) {
                throw new ExportRejectedException("The file ends inside a quoted field that starts on row " + row + ".",
                        "file " + fileName + ", row " + row + ": a quote mark opens a field that is never closed", e);
            }
            throw new ExportRejectedException("The file cannot be read from row " + row + " on.",
                    "file " + fileName + ", row " + row + ": " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public long bytesRead() {
        return counted == null ? -1 : counted.count;
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

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
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
