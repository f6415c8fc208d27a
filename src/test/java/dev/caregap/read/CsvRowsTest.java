package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a delimited text becomes numbered rows of cells: the rules a spreadsheet follows, pinned row by row. */
class CsvRowsTest {

    private static final TextFormat UTF_8 = new TextFormat(StandardCharsets.UTF_8, 0, "UTF-8");

    @TempDir
    Path dir;

    @Test
    void blankLinesStayRowsSoThatLaterRowsKeepTheirNumbers() throws IOException {
        List<SheetRow> rows = read("a,b\n\nc,d\n");
        assertThat(rows).extracting(SheetRow::number).containsExactly(1L, 2L, 3L);
        assertThat(String.join("|", rows.get(1).cells())).isEmpty();
        assertThat(rows.get(2).cells()).containsExactly("c", "d");
    }

    @Test
    void aQuotedLineBreakStaysInItsCellAndDoesNotStartARow() throws IOException {
        List<SheetRow> rows = read("a,b\n\"two\nlines\",x\nc,d\n");
        assertThat(rows).extracting(SheetRow::number).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(1).cells()).containsExactly("two\nlines", "x");
        assertThat(rows.get(2).cells()).containsExactly("c", "d");
    }

    @Test
    void doubledQuotesInsideQuotesAreOneQuoteAndAQuoteInsideAnUnquotedCellIsText() throws IOException {
        assertThat(read("\"say \"\"yes\"\"\",5\"7\n").get(0).cells()).containsExactly("say \"yes\"", "5\"7");
    }

    @Test
    void textAfterAClosingQuoteIsKeptAsSpreadsheetsKeepIt() throws IOException {
        assertThat(read("\"ab\"cd,e\n").get(0).cells()).containsExactly("abcd", "e");
    }

    @Test
    void everyLineEndEndsARowAndSpacesAroundCellsAreKept() throws IOException {
        List<SheetRow> rows = read("a,b\rc,d\r\n e , f\n");
        assertThat(rows).extracting(r -> String.join("|", r.cells())).containsExactly("a|b", "c|d", " e | f");
    }

    @Test
    void rowsMayHoldMoreOrFewerCellsThanTheHeader() throws IOException {
        List<SheetRow> rows = read("a,b,c\n1\n1,2,3,4\n");
        assertThat(rows.get(1).cells()).containsExactly("1");
        assertThat(rows.get(2).cells()).containsExactly("1", "2", "3", "4");
    }

    @Test
    void aSemicolonFileIsSplitOnSemicolonsNotCommas() throws IOException {
        assertThat(read("a;b;c\n1,5;2;3\n").get(1).cells()).containsExactly("1,5", "2", "3");
    }

    @Test
    void aFieldLeftOpenAtTheEndOfTheFileNamesTheRowItStartsOn() throws IOException {
        assertThatThrownBy(() -> read("a,b\n1,2\n\"3,4\n5,6\n"))
                .isInstanceOf(ExportRejectedException.class)
                .hasMessage("The file ends inside a quoted field that starts on row 3.")
                .satisfies(e -> assertThat(((ExportRejectedException) e).details())
                        .isEqualTo("file export.csv, row 3: a quote mark opens a field that is never closed"));
    }

    @Test
    void everyCellReadsAsWrittenWhenAColumnRepeatsSomeTextsAndVariesOthers() throws IOException {
        // a column of 20 texts in turn (more than a column remembers), one of texts 39 to 42 long, one of ids
        Random random = new Random(11);
        List<String[]> written = new ArrayList<>();
        StringBuilder text = new StringBuilder("answer,long,id\n");
        for (int row = 0; row < 500; row++) {
            String answer = row % 7 == 0 ? "" : "option " + (row % 20) + (row % 3 == 0 ? " é" : "");
            String longer = "x".repeat(39 + random.nextInt(4)) + random.nextInt(3);
            String id = "R_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            written.add(new String[] {answer, longer, id});
            text.append(answer).append(',').append(longer).append(',').append(id).append('\n');
        }

        List<SheetRow> rows = read(text.toString());

        assertThat(rows).hasSize(501);
        for (int row = 0; row < 500; row++) {
            assertThat(rows.get(row + 1).cells()).as("row %d", row + 2).containsExactly(written.get(row));
        }
    }

    @Test
    void cellsOfColumnsLeftUnreadSayOnlyWhetherTheyAreBlankFromTheNextRowOn() throws IOException {
        Path file = dir.resolve("export.csv");
        Files.writeString(file, "id,email,answer\nr1,ann@example.com,Yes\nr2, \t ,No\nr3,,,past the header\n",
                StandardCharsets.UTF_8);
        try (CsvRows csv = CsvRows.open(file, "export.csv", UTF_8)) {
            assertThat(csv.next().cells()).containsExactly("id", "email", "answer");
            csv.leaveUnread(new boolean[] {false, true, false});

            assertThat(csv.next().cells()).containsExactly("r1", SheetRow.NOT_READ, "Yes");
            assertThat(csv.next().cells()).containsExactly("r2", "", "No");
            assertThat(csv.next().cells()).containsExactly("r3", "", "", "past the header");
        }
    }

    @Test
    void aRowWhoseCellsHoldMoreThanARowMayIsRefusedWithItsNumber() throws IOException {
        String third = "x".repeat(CsvRows.MOST_CHARS / 3 + 1);
        assertThatThrownBy(() -> read("a,b,c\n1,2,3\n" + third + "," + third + "," + third + "\n"))
                .isInstanceOf(ExportRejectedException.class)
                .hasMessage("Row 3 runs on for more than 1,000,000 characters.");
    }

    private List<SheetRow> read(String text) throws IOException {
        Path file = dir.resolve("export.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<SheetRow> rows = new ArrayList<>();
        try (CsvRows csv = CsvRows.open(file, "export.csv", UTF_8)) {
            for (SheetRow row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
