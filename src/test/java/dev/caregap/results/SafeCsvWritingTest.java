package dev.caregap.results;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SafeCsv puts its rows together itself; they are, byte for byte, what Commons CSV's printer writes with RFC 4180 and
 * every non-null cell quoted (how result files were written before), each cell made safe first: on random rows of
 * awkward cells (quotes, commas, CR/LF, formula starts, blanks, invisible and non-ASCII characters, empty and null),
 * under a header of awkward names.
 */
class SafeCsvWritingTest {

    private static final CSVFormat EVERY_CELL_QUOTED = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    @TempDir
    Path folder;  // for the JUnit tests

    @Property(tries = 300)
    void aFileWithAHeaderIsWhatCommonsCsvWrites(@ForAll("header") List<String> header, @ForAll("rows") List<List<String>> rows)
            throws IOException {
        Path file = Files.createTempFile("safe-csv", ".csv");
        try (SafeCsv csv = SafeCsv.create(file, header)) {
            for (List<String> row : rows) {
                csv.row(row);
            }
        }
        String written = readAndRemove(file);

        StringBuilder expected = new StringBuilder().append(SafeCsv.BYTE_ORDER_MARK);
        try (CSVPrinter printer = new CSVPrinter(expected,
                EVERY_CELL_QUOTED.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(SafeCsv::cell).toList());
            }
        }
        assertThat(written).isEqualTo(expected.toString());
    }

    @Property(tries = 300)
    void aFileOfRowsAndItsLeadingCellAreWhatCommonsCsvWrites(@ForAll("rows") List<List<String>> rows,
                                                             @ForAll("cells") String first) throws IOException {
        Path file = Files.createTempFile("safe-csv-rows", ".csv");
        try (SafeCsv csv = SafeCsv.rowsOnly(file)) {
            for (List<String> row : rows) {
                StringBuilder cells = new StringBuilder();
                for (String value : row) {
                    SafeCsv.appendCell(cells.isEmpty() ? cells : cells.append(','), value);
                }
                csv.row(cells);
            }
        }
        String written = readAndRemove(file);

        StringBuilder expected = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(expected, EVERY_CELL_QUOTED)) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(SafeCsv::cell).toList());
            }
        }
        assertThat(written).isEqualTo(expected.toString());

        StringBuilder leading = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(leading, EVERY_CELL_QUOTED)) {
            printer.printRecord(SafeCsv.cell(first), "x");
        }
        assertThat(SafeCsv.leadingCell(first) + "\"x\"\r\n").isEqualTo(leading.toString());
    }

    @Test
    void rowsLongerThanWhatIsHandedToTheEncoderAtOnceAreWrittenWhole() throws IOException {
        // a cell of 100,000 characters, with a character outside the BMP across every boundary a chunk could have
        String cell = "😀é\"".repeat(25_000);
        Path file = folder.resolve("long.csv");
        try (SafeCsv csv = SafeCsv.rowsOnly(file)) {
            csv.row(List.of(cell, "b"));
            csv.row(List.of("c"));
        }
        String expected = "\"" + cell.replace("\"", "\"\"") + "\",\"b\"\r\n\"c\"\r\n";
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void textThatIsNoUtf8FailsTheFileAsTheWriterBeforeDid() {
        // a lone surrogate: replaced by '?' would be a silent change of an answer
        Path file = folder.resolve("surrogate.csv");
        assertThatThrownBy(() -> {
            try (SafeCsv csv = SafeCsv.rowsOnly(file)) {
                csv.row(Arrays.asList("ok", "broken \uD800 text", null));
            }
        }).isInstanceOf(IOException.class);
    }

    /**
     * The file's text, checked to be the UTF-8 of it byte for byte; the file is removed (jqwik runs properties apart
     * from JUnit, which hands out no temporary folder to them).
     */
    private static String readAndRemove(Path file) throws IOException {
        try {
            byte[] written = Files.readAllBytes(file);
            String text = new String(written, StandardCharsets.UTF_8);
            assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(written);
            return text;
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> cellOrNull = cells().injectNull(0.05);
        return cellOrNull.list().ofMinSize(0).ofMaxSize(6).list().ofMaxSize(5).map(rows -> {
            List<List<String>> copies = new ArrayList<>();
            rows.forEach(row -> copies.add(new ArrayList<>(row)));  // rows may hold null cells
            return copies;
        });
    }

    /** Header names are written as they are, not made safe (they are ours: question ids and fixed names). */
    @Provide
    Arbitrary<List<String>> header() {
        return cells().list().ofMinSize(1).ofMaxSize(5).uniqueElements();
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(AwkwardCells.texts(), Arbitraries.strings().ofMaxLength(6)
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c))));
    }
}
