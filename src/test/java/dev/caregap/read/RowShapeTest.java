package dev.caregap.read;

import dev.caregap.cleaning.Cleaned;
import dev.caregap.cleaning.Cleaner;
import dev.caregap.respondent.Issue;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.caregap.read.TestExports.CARE_GAP;
import static dev.caregap.read.TestExports.cells;
import static dev.caregap.read.TestExports.readAll;
import static dev.caregap.read.TestExports.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** A row with more cells than the header, or (in a text file) fewer, is read as before and its fault goes with it. */
class RowShapeTest {

    private static final String HEADER = "respondent_id,C_CARE,C_COUNTRY\n";

    @TempDir
    Path dir;

    @Test
    void recordsARowWithMoreCellsThanTheHeaderAndReadsItAsBefore() {
        List<RawResponse> responses = readAll(write(dir, "shifted.csv", HEADER + "1,Agree,Australia\n2,Agree,United,Kingdom\n"));

        assertThat(responses.get(0).readIssues()).isEmpty();
        assertThat(responses.get(1).readIssues()).containsExactly(
                new ReadIssue("column 4 (past the header's 3)", "Kingdom", RowShape.MORE));
        assertThat(cells(responses.get(1))).containsExactly(entry("C_CARE", "Agree"), entry("C_COUNTRY", "United"));
    }

    @Test
    void takesARowThatEndsInADelimiterAsTheHeaderDoesForNoFault() {
        Path file = write(dir, "trailing.csv", "respondent_id,C_CARE,C_COUNTRY,\n1,Agree,Australia,\n2,Agree,,\n");

        assertThat(readAll(file)).allSatisfy(r -> assertThat(r.readIssues()).isEmpty());
    }

    @Test
    void recordsARowWithMoreCellsThanTheHeaderRowEvenWhenTheExtraOnesAreEmpty() {
        // a stray delimiter in a row whose last cell was empty looks just like a trailing one
        List<RawResponse> responses = readAll(write(dir, "shifted.csv", HEADER + "1,Agree,Australia\n2,Ag,ree,\n"));

        assertThat(responses.get(0).readIssues()).isEmpty();
        assertThat(responses.get(1).readIssues()).containsExactly(
                new ReadIssue("column 4 (past the header's 3)", "", RowShape.MORE_EMPTY));
    }

    @Test
    void takesDataRowsEndingInADelimiterTheHeaderDoesNotEndInForTheFilesWayAfterTheFirst() {
        // the first row may be the shifted one: it alone is recorded; the rows after it are written as it is
        List<RawResponse> responses = readAll(write(dir, "trailing.csv",
                HEADER + "1,Agree,Australia,\n2,Agree,,\n3,Disagree,Canada,\n4,Agree,Canada\n"));

        assertThat(responses.get(0).readIssues()).containsExactly(
                new ReadIssue("column 4 (past the header's 3)", "", RowShape.MORE_EMPTY));
        assertThat(responses.subList(1, 4)).allSatisfy(r -> assertThat(r.readIssues()).isEmpty());
    }

    @Test
    void takesDataRowsThatDoNotEndInADelimiterTheHeaderEndsInForTheFilesWayButRecordsOneThatLacksACell() {
        Path file = write(dir, "trailing.csv", "respondent_id,C_CARE,C_COUNTRY,\n1,Agree,Australia\n2,Agree,\n3,Agree\n");
        List<RawResponse> responses = readAll(file);

        assertThat(responses.get(0).readIssues()).as("the first row, measured against the header row")
                .containsExactly(new ReadIssue("column 4 (no header)", "", RowShape.FEWER, true));
        assertThat(responses.get(1).readIssues()).as("written as the first").isEmpty();
        assertThat(responses.get(2).readIssues()).containsExactly(new ReadIssue("C_COUNTRY", "", RowShape.FEWER, true));
    }

    @Test
    void recordsARowWithFewerCellsThanTheHeaderNamingTheFirstMissingColumn() {
        List<RawResponse> responses = readAll(write(dir, "short.csv", HEADER + "1,Agree\n2,Agree,\n"));

        assertThat(responses.get(0).readIssues()).containsExactly(new ReadIssue("C_COUNTRY", "", RowShape.FEWER));
        assertThat(cells(responses.get(0))).containsExactly(entry("C_CARE", "Agree"), entry("C_COUNTRY", ""));
        assertThat(responses.get(1).readIssues()).as("an empty last cell is written").isEmpty();
    }

    @Test
    void recordsARowWithFewerCellsThanAHeaderThatEndsInADelimiter() {
        // a missing delimiter shifts the cells after it left: the row then lacks the header's empty last cell (a
        // column that is never read, so whatever the row keeps may have moved from it)
        RawResponse response = readAll(write(dir, "joined.csv", "respondent_id,C_CARE,C_COUNTRY,\n1,Agree,Australia\n")).get(0);

        assertThat(response.readIssues()).containsExactly(new ReadIssue("column 4 (no header)", "", RowShape.FEWER, true));
    }

    @Test
    void neverShowsAValueThatMayHaveShiftedOutOfAPersonalDataColumn() {
        RawResponse response = readAll(write(dir, "personal.csv", "respondent_id,C_CARE,Email\n1,Ag,ree,bob@example.com\n")).get(0);

        assertThat(response.readIssues()).containsExactly(
                new ReadIssue("column 4 (past the header's 3)", "", RowShape.MORE + RowShape.NOT_KEPT, true));
        assertThat(response.toString()).doesNotContain("bob@example.com");
    }

    @Test
    void countsTheShiftFromTheRowsCellsNotFromItsLastFilledOne() {
        // shifted by two, the row's last cell empty: the e-mail comes from two columns back
        RawResponse response = readAll(write(dir, "personal.csv",
                "respondent_id,C_CARE,Email,C_COUNTRY\n1,Ag,r,ee,bob@example.com,\n")).get(0);

        assertThat(response.readIssues()).containsExactly(
                new ReadIssue("column 5 (past the header's 4)", "", RowShape.MORE + RowShape.NOT_KEPT, true));
        assertThat(response.toString()).doesNotContain("bob@example.com");
    }

    @Test
    void neverShowsAValueThatMayHaveShiftedOutOfAColumnThatIsNotRead() {
        RawResponse response = readAll(write(dir, "unread.csv",
                "respondent_id,C_CARE,C_COUNTRY,Contact e-mail\n1,Ag,ree,Australia,bob@example.com\n")).get(0);

        assertThat(response.readIssues()).containsExactly(
                new ReadIssue("column 5 (past the header's 4)", "", RowShape.MORE + RowShape.NOT_KEPT, true));
        assertThat(response.toString()).doesNotContain("bob@example.com");
    }

    @Test
    void takesAWorkbookRowThatEndsBeforeTheHeaderForNoFaultButNotOneThatGoesPastItWhoseCellsThereItDoesNotShow()
            throws IOException {
        Path file = dir.resolve("rows.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("Sheet1");
            String[][] rows = {{"respondent_id", "C_CARE", "C_COUNTRY"}, {"1", "Agree"}, {"2", "Agree", "Australia", "", "stray"}};
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            workbook.write(out);
        }

        List<RawResponse> responses = readAll(file);

        assertThat(responses.get(0).readIssues()).isEmpty();
        // a workbook leaves out empty cells at a row's end: how far the row is shifted, and from where, is not known
        assertThat(responses.get(1).readIssues()).containsExactly(
                new ReadIssue("column 5 (past the header's 3)", "", RowShape.MORE + RowShape.NOT_KEPT));
    }

    @Test
    void theFaultBecomesAnIssueOfTheCleanedRow() {
        RawResponse shifted = readAll(write(dir, "shifted.csv", HEADER + "1,Agree,United,Kingdom\n")).get(0);

        Cleaned cleaned = new Cleaner(CARE_GAP).clean(shifted);

        assertThat(cleaned.issues()).contains(new Issue(2, "column 4 (past the header's 3)", null, "Kingdom", RowShape.MORE));
        assertThat(cleaned.respondent().included()).isTrue();
    }

    @Test
    void theSampleExportsHaveNoRowOfTheWrongShape() throws IOException {
        try (DirectoryStream<Path> samples = Files.newDirectoryStream(Path.of("sample-input"), "*.csv")) {
            for (Path sample : samples) {
                assertThat(readAll(sample)).as(sample.toString()).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.readIssues()).isEmpty());
            }
        }
    }
}
