package dev.caregap.read;

import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.cells;
import static dev.caregap.read.TestExports.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class XlsxExportTest {

    private static final String REASONS = "Why does your company not engage customers through mobile? (Select all that apply)";

    @TempDir
    Path dir;

    /**
     * Writes a workbook; a null cell is left out of the sheet, as Excel does for empty cells; a date-time is
     * styled with Excel's built-in format 22 ("m/d/yy h:mm").
     */
    private Path workbook(String name, Object[][] firstSheet) throws IOException {
        Path file = dir.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("Sheet1");
            XSSFCellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat((short) 22);
            for (int r = 0; r < firstSheet.length; r++) {
                if (firstSheet[r] == null) {
                    continue;
                }
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < firstSheet[r].length; c++) {
                    Object value = firstSheet[r][c];
                    if (value instanceof LocalDateTime at) {
                        XSSFCell cell = row.createCell(c);
                        cell.setCellValue(at);
                        cell.setCellStyle(dateTime);
                    } else if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value instanceof Formatted formatted) {
                        XSSFCell cell = row.createCell(c);
                        cell.setCellValue(formatted.value());
                        XSSFCellStyle style = workbook.createCellStyle();
                        style.setDataFormat(workbook.createDataFormat().getFormat(formatted.format()));
                        cell.setCellStyle(style);
                    } else if (value instanceof FormulaError error) {
                        row.createCell(c).setCellErrorValue(error);
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("respondent_id");
            workbook.write(out);
        }
        return file;
    }

    @Test
    void readsTheFirstSheetOfASurveyMonkeyWorkbookPlacingCellsByReference() throws IOException {
        Path file = workbook("monkey.csv", new Object[][]{
                {"Respondent ID", "End Date", "Email Address", "Our company cares for its customers.", REASONS, null, null},
                {null, null, null, "Response", "Privacy concerns", "Expense", "Other (please specify)"},
                {114, "03/01/2024 10:05:00 AM", "bob@example.com", "Agree", null, "Expense", "Too dear"},
                null,
                {115, null, null, null, "Privacy concerns"},
        });

        try (Export export = READER.open(file)) {
            assertThat(export.format()).isEqualTo("XLSX");
            assertThat(export.layout()).isEqualTo(Layout.SURVEYMONKEY);
            assertThat(export.segments()).containsExactly("business");
            RawResponse first = export.next();
            assertThat(first.row()).isEqualTo(3);
            assertThat(first.respondentId()).isEqualTo("114");
            assertThat(cells(first)).containsExactly(entry("B_CARE", "Agree"),
                    entry("B_NO_MOBILE_REASONS=Privacy concerns", ""), entry("B_NO_MOBILE_REASONS=Expense", "Expense"),
                    entry("B_NO_MOBILE_REASONS=Other (please specify)", "Too dear"));
            RawResponse second = export.next();
            assertThat(second.row()).isEqualTo(5);
            assertThat(second.endedAt()).isEmpty();
            assertThat(cells(second)).containsEntry("B_CARE", "").containsEntry("B_NO_MOBILE_REASONS=Privacy concerns", "Privacy concerns")
                    .containsEntry("B_NO_MOBILE_REASONS=Other (please specify)", "");
            assertThat(export.hasNext()).isFalse();
            assertThat(List.of(first, second).toString()).doesNotContain("bob@example.com");
        }
    }

    @Test
    void aNulCharacterInAWorkbookCellReadsAsAReplacementCharacter() throws IOException {
        // Excel writes a NUL in a text as _x0000_ (POI would write it as "?")
        StringBuilder rows = new StringBuilder();
        for (int r = 1; r <= 2; r++) {
            rows.append("<row r=\"").append(r).append("\">");
            for (int c = 0; c < 3; c++) {
                rows.append("<c r=\"").append((char) ('A' + c)).append(r).append("\" t=\"s\"><v>").append((r - 1) * 3 + c)
                        .append("</v></c>");
            }
            rows.append("</row>");
        }
        Path file = HandMadeWorkbook.write(dir.resolve("nul.xlsx"),
                new HandMadeZip.Piece[]{HandMadeWorkbook.sheetStart(), HandMadeZip.Piece.of(rows.toString()), HandMadeWorkbook.sheetEnd()},
                new HandMadeZip.Piece[]{HandMadeWorkbook.stringsStart(6), HandMadeZip.Piece.of("<si><t>respondent_id</t></si>"
                        + "<si><t>segment</t></si><si><t>C_COUNTRY</t></si><si><t>R_x0000_1</t></si><si><t>consumer</t></si>"
                        + "<si><t>Austr_x0000_alia</t></si>"), HandMadeWorkbook.stringsEnd()});

        RawResponse read = readAll(file).get(0);

        assertThat(read.respondentId()).isEqualTo("R\uFFFD1");
        assertThat(cells(read)).containsEntry("C_COUNTRY", "Austr\uFFFDalia");
    }

    @Test
    void readsATidyWorkbookWithNumbersAsExcelShowsThem() throws IOException {
        Path file = workbook("tidy.xlsx", new Object[][]{
                {"respondent_id", "segment", "weight", "C_AGE", "B_SIZE"},
                {1, "consumer", 1.25, 34, null},
                {2, "business", 0.75, null, "1,000 or more"},
        });

        List<RawResponse> responses = readAll(file);

        assertThat(responses).extracting(RawResponse::respondentId).containsExactly("1", "2");
        assertThat(responses).extracting(RawResponse::weight).containsExactly("1.25", "0.75");
        assertThat(cells(responses.get(0))).containsExactly(entry("C_AGE", "34"), entry("B_SIZE", ""));
        assertThat(cells(responses.get(1))).containsExactly(entry("C_AGE", ""), entry("B_SIZE", "1,000 or more"));
    }

    @Test
    void writesNumbersAndDatesOutWholeRatherThanAsExcelShowsThem() throws IOException {
        Path file = workbook("whole.xlsx", new Object[][]{
                {"respondent_id", "end_date", "weight", "C_AGE"},
                {114153497612L, LocalDateTime.of(2024, 1, 15, 10, 30, 5), 1.23456789012345, 34.0},
                {114153497613L, LocalDateTime.of(2024, 1, 16, 0, 0), 4.0, -0.5},
        });

        List<RawResponse> responses = readAll(file);

        assertThat(responses).extracting(RawResponse::respondentId).containsExactly("114153497612", "114153497613");
        assertThat(responses).extracting(RawResponse::endedAt).containsExactly("2024-01-15 10:30:05", "2024-01-16");
        assertThat(responses).extracting(RawResponse::weight).containsExactly("1.23456789012345", "4");
        assertThat(cells(responses.get(0))).containsEntry("C_AGE", "34");
        assertThat(cells(responses.get(1))).containsEntry("C_AGE", "-0.5");
    }

    /** A number with a number format of its own, as Excel shows it. */
    private record Formatted(double value, String format) {
    }

    @Test
    void readsNumbersAsStoredWhateverFormatShowsThemAndAnExcelErrorAsAnEmptyCell() throws IOException {
        Path file = workbook("formats.xlsx", new Object[][]{
                {"respondent_id", "weight", "Progress", "C_AGE", "C_CARE"},
                {new Formatted(114153497612.0, "#,##0"), new Formatted(1.23456, "0.00"), new Formatted(0.996, "0%"),
                        FormulaError.NA, FormulaError.VALUE},
                {FormulaError.NA, new Formatted(2.5, "0"), 100, 34, "Agree"},
        });

        List<RawResponse> responses = readAll(file);

        assertThat(responses).extracting(RawResponse::respondentId).containsExactly("114153497612", "");
        assertThat(responses).extracting(RawResponse::weight).containsExactly("1.23456", "2.5");
        assertThat(responses.get(0).progress()).isEqualTo("99.6%");
        assertThat(cells(responses.get(0))).containsEntry("C_AGE", "").containsEntry("C_CARE", "");
        assertThat(cells(responses.get(1))).containsEntry("C_AGE", "34").containsEntry("C_CARE", "Agree");
    }

    @Test
    void acceptsAWorkbookWithHeadersOnlyAndCanBeClosedBeforeTheEnd() throws IOException {
        Path headersOnly = workbook("empty.xlsx", new Object[][]{{"respondent_id", "C_CARE"}});
        Object[][] many = new Object[2001][];
        many[0] = new Object[]{"respondent_id", "C_CARE"};
        for (int i = 1; i < many.length; i++) {
            many[i] = new Object[]{i, "Agree"};
        }
        Path large = workbook("many.xlsx", many);

        assertThat(readAll(headersOnly)).isEmpty();
        try (Export export = READER.open(large)) {
            assertThat(export.next().respondentId()).isEqualTo("1");
        }
        assertThat(readAll(large)).hasSize(2000);
    }
}
