package dev.caregap.read;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes rows of texts as an .xlsx workbook the way Excel stores texts: every non-empty cell points into the table of
 * shared texts, each distinct text once. Streamed with java.util.zip, so a workbook of 100,000 respondents is
 * written in seconds; the table is kept in memory while the sheet is written (as Excel does).
 */
final class RowsWorkbook {

    /** What the workbook holds, to compare with the limits. */
    record Written(long rows, int sharedStrings, long sharedStringChars, long unpackedBytes) {
    }

    private RowsWorkbook() {
    }

    static Written write(Path file, Iterator<String[]> rows) throws IOException {
        Map<String, Integer> strings = new LinkedHashMap<>();
        long count = 0;
        long unpacked = 0;
        long chars = 0;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, String> part : HandMadeWorkbook.smallParts(true, HandMadeWorkbook.STYLES).entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                byte[] bytes = part.getValue().getBytes(StandardCharsets.UTF_8);
                zip.write(bytes);
                unpacked += bytes.length;
            }
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            CountingWriter sheet = new CountingWriter(zip);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + HandMadeWorkbook.MAIN + "\"><sheetData>");
            while (rows.hasNext()) {
                String[] cells = rows.next();
                long r = ++count;
                sheet.write("<row r=\"" + r + "\">");
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c] == null || cells[c].isEmpty()) {
                        continue;
                    }
                    Integer index = strings.get(cells[c]);
                    if (index == null) {
                        index = strings.size();
                        strings.put(cells[c], index);
                        chars += cells[c].length();
                    }
                    sheet.write("<c r=\"" + column(c) + r + "\" t=\"s\"><v>" + index + "</v></c>");
                }
                sheet.write("</row>");
            }
            sheet.write("</sheetData></worksheet>");
            unpacked += sheet.finish();
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            CountingWriter table = new CountingWriter(zip);
            table.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + HandMadeWorkbook.MAIN + "\" uniqueCount=\""
                    + strings.size() + "\">");
            for (String text : strings.keySet()) {
                table.write("<si><t xml:space=\"preserve\">" + escape(text) + "</t></si>");
            }
            table.write("</sst>");
            unpacked += table.finish();
        }
        return new Written(count, strings.size(), chars, unpacked);
    }

    /** 0 -> "A", 26 -> "AA". */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /** XML's escapes, and a carriage return as Excel writes it (XML would read it as a plain line feed). */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "_x000D_");
    }

    /** UTF-8 into the current zip entry, counting the bytes; finishing leaves the zip open. */
    private static final class CountingWriter {
        private final ZipOutputStream zip;
        private final Writer out;
        private long bytes;

        CountingWriter(ZipOutputStream zip) {
            this.zip = zip;
            this.out = new BufferedWriter(new OutputStreamWriter(new java.io.FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    bytes += len;
                    zip.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    bytes++;
                    zip.write(b);
                }

                @Override
                public void close() {
                    // the zip stays open for the next entry
                }
            }, StandardCharsets.UTF_8), 1 << 16);
        }

        void write(String text) throws IOException {
            out.write(text);
        }

        long finish() throws IOException {
            out.flush();
            zip.closeEntry();
            return bytes;
        }
    }
}
