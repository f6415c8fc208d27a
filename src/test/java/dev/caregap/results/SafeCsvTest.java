package dev.caregap.results;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SafeCsvTest {

    @Test
    void quotesAwayTextThatASpreadsheetWouldRunAsAFormula() {
        assertThat(SafeCsv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(SafeCsv.cell("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(SafeCsv.cell("+1 555 0100")).isEqualTo("'+1 555 0100");
        assertThat(SafeCsv.cell("-1+2")).isEqualTo("'-1+2");
        assertThat(SafeCsv.cell("-")).isEqualTo("'-");
        assertThat(SafeCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(SafeCsv.cell("\r=1")).isEqualTo("'\r=1");
        assertThat(SafeCsv.cell("  =1+1")).as("leading blanks").isEqualTo("'  =1+1");
        assertThat(SafeCsv.cell("＝1+1")).as("full-width equals sign").isEqualTo("'＝1+1");
    }

    @Test
    void leavesNumbersAndOrdinaryTextAlone() {
        assertThat(SafeCsv.cell("-3.2")).isEqualTo("-3.2");
        assertThat(SafeCsv.cell("-37")).isEqualTo("-37");
        assertThat(SafeCsv.cell("-14.2124")).isEqualTo("-14.2124");
        assertThat(SafeCsv.cell("7.68e-46")).isEqualTo("7.68e-46");
        assertThat(SafeCsv.cell("Text message (SMS)")).isEqualTo("Text message (SMS)");
        assertThat(SafeCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(SafeCsv.cell(null)).isEmpty();
        assertThat(SafeCsv.cell("")).isEmpty();
    }

    @Test
    void writesUtf8WithAHeaderAndRfc4180Quoting(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("t.csv");
        try (SafeCsv csv = SafeCsv.create(file, List.of("a", "b", "c"))) {
            csv.row(Arrays.asList("Zoë, \"quoted\"", "line\nbreak", null));
            csv.row(List.of("=1+1", "-0.5", "ok"));
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF\"a\",\"b\",\"c\"\r\n\"Zoë, \"\"quoted\"\"\",\"line\nbreak\",\"\"\r\n");

        try (Reader in = new InputStreamReader(BOMInputStream.builder().setPath(file).get(), StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(in).getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("a")).isEqualTo("Zoë, \"quoted\"");
            assertThat(rows.get(0).get("c")).isEmpty();
            assertThat(rows.get(1).get("a")).isEqualTo("'=1+1");
            assertThat(rows.get(1).get("b")).isEqualTo("-0.5");
        }
    }
}
