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
    void quotesAwayAFormulaBehindInvisibleCharacters() {
        assertThat(SafeCsv.cell("\u00A0=1+1")).as("no-break space").isEqualTo("'\u00A0=1+1");
        assertThat(SafeCsv.cell("\u200B+1")).as("zero-width space").isEqualTo("'\u200B+1");
        assertThat(SafeCsv.cell("\uFEFF-1+2")).as("byte order mark").isEqualTo("'\uFEFF-1+2");
        assertThat(SafeCsv.cell("\u00AD@SUM(1)")).as("soft hyphen").isEqualTo("'\u00AD@SUM(1)");
        assertThat(SafeCsv.cell("\u202F=1")).as("narrow no-break space").isEqualTo("'\u202F=1");
        assertThat(SafeCsv.cell("\u2060=1")).as("word joiner").isEqualTo("'\u2060=1");
        assertThat(SafeCsv.cell("\u200E=1")).as("left-to-right mark").isEqualTo("'\u200E=1");
        assertThat(SafeCsv.cell("\u3000=1")).as("ideographic space").isEqualTo("'\u3000=1");
        assertThat(SafeCsv.cell("\uFE0F=1")).as("variation selector").isEqualTo("'\uFE0F=1");
        assertThat(SafeCsv.cell("\u3164=1")).as("Hangul filler").isEqualTo("'\u3164=1");
        assertThat(SafeCsv.cell("\n=1")).as("line feed").isEqualTo("'\n=1");
        assertThat(SafeCsv.cell("\u00A0\u200B \uFEFF\u00AD＝1")).as("several, then a full-width sign")
                .isEqualTo("'\u00A0\u200B \uFEFF\u00AD＝1");
        assertThat(SafeCsv.cell("\uDB40\uDC20=1")).as("tag space, outside the basic plane")
                .isEqualTo("'\uDB40\uDC20=1");
    }

    @Test
    void leavesTextBehindInvisibleCharactersAloneWhenNoFormulaFollows() {
        assertThat(SafeCsv.cell("\u00A0Email")).isEqualTo("\u00A0Email");
        assertThat(SafeCsv.cell("\u200Ba=b")).isEqualTo("\u200Ba=b");
        assertThat(SafeCsv.cell("\u00A0")).isEqualTo("\u00A0");
        assertThat(SafeCsv.cell("\u200B\u200B")).isEqualTo("\u200B\u200B");
        assertThat(SafeCsv.cell("Zoë\u00A0-\u00A0=")).as("a sign later in the text").isEqualTo("Zoë\u00A0-\u00A0=");
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
