package dev.caregap.sample;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes responses, one at a time, as an export file of a layout and style. */
final class ExportFile {

    private ExportFile() {
    }

    /** Writes the header rows and then each response in turn; holds no more than one row in memory. */
    static void write(Path file, ExportLayout layout, CsvStyle style, Iterable<SampleResponse> responses) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            // A character the encoding cannot hold is an error here, never a silent "?".
            var encoder = style.charset().newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoder), 1 << 16);
                 CSVPrinter printer = new CSVPrinter(out, format(style))) {
                if (style.byteOrderMark()) {
                    out.write('\uFEFF');
                }
                for (var header : layout.headerRows()) {
                    printer.printRecord(header);
                }
                long position = 0;
                for (SampleResponse response : responses) {
                    printer.printRecord(layout.row(response, ++position));
                }
                for (int i = 0; i < style.trailingBlankRows(); i++) {
                    printer.println();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static CSVFormat format(CsvStyle style) {
        return CSVFormat.DEFAULT.builder()
                .setDelimiter(style.delimiter())
                .setRecordSeparator(style.lineEnd())
                .setQuoteMode(style.quoteAll() ? QuoteMode.ALL : QuoteMode.MINIMAL)
                .get();
    }
}
