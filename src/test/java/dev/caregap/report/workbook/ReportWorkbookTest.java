package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.report.Audience;
import dev.caregap.report.ReportTexts;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The workbook of the five sample-input files, opened with POI: its headline equals the published figures
 * (docs/published-figures.md), numbers and dates are typed cells, the Summary has a bar chart, the crosstab letters
 * agree with a two-proportion z-test worked here by hand, low bases are flagged, and answer text is never a formula.
 */
class ReportWorkbookTest {

    static final String FORMULA_COMMENT = "=1+1";
    static final String SCRIPT_COMMENT = "<script>alert(1)</script>";
    static final DataFormatter SHOWN = new DataFormatter(java.util.Locale.ROOT);
    /** A crosstab's first group column: after the figure's label, question and answer, and the total's four. */
    static final int FIRST_GROUP = 7;

    @TempDir
    static Path folder;

    static SampleRun sample;
    static XSSFWorkbook book;

    @BeforeAll
    static void writeTheSampleWorkbook() throws IOException {
        sample = SampleRun.of();
        Path file = folder.resolve(ReportWorkbook.FILE);
        ReportWorkbook.write(sample.report, Audience.EVERYONE, sample.responses(
                comment(9001, FORMULA_COMMENT), comment(9002, SCRIPT_COMMENT)), file);
        book = open(file);
    }

    @AfterAll
    static void close() throws IOException {
        book.close();
    }

    static Respondent comment(long row, String text) {
        return new Respondent(row, "R_extra_" + row, "consumer", Instant.parse("2026-03-05T12:00:00Z"), 1.0, null,
                List.of(Answer.choice("C_COUNTRY", 3), Answer.text("C_COMMENT", text)));
    }

    @Test
    void theSheetsAreSummaryFiguresACrosstabPerBreakdownDataQualityAndResponses() {
        List<String> names = IntStream.range(0, book.getNumberOfSheets()).mapToObj(book::getSheetName).toList();
        assertThat(names).containsExactly("Summary", "Figures", "Country", "Age band", "Industry", "Company size",
                "Data quality", "Responses");
    }

    @Test
    void theSummaryHeadlineIsThePublishedCareGapAsTypedNumbers() {
        Row gap = rowStartingWith(book.getSheet("Summary"), "The care gap");
        assertThat(gap.getCell(1).getStringCellValue()).isEqualTo("Brands that believe they care for their customers");
        assertNumber(gap.getCell(2), 402.0 / 550, "73.1%");
        assertThat(gap.getCell(3).getStringCellValue())
                .isEqualTo("Consumers who feel the companies they do business with care about them");
        assertNumber(gap.getCell(4), 396.0 / 1100, "36.0%");
        assertNumber(gap.getCell(5), 100 * (402.0 / 550 - 396.0 / 1100), "37.1 pts");
        assertNumber(gap.getCell(6), 32.28, "32.3 pts");
        assertNumber(gap.getCell(7), 41.59, "41.6 pts");
        assertThat(gap.getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(gap.getCell(8).getNumericCellValue() / 7.68e-46).isCloseTo(1, within(0.001));
        assertThat(SHOWN.formatCellValue(gap.getCell(8))).isEqualTo("7.68E-46");
        assertThat(gap.getCell(9).getStringCellValue()).isEqualTo("yes");
        assertThat(SHOWN.formatCellValue(gap.getCell(10))).isEmpty();
    }

    @Test
    void theSummaryListsTheThreeHeadlineGapsWithThePublishedPoints() {
        Sheet summary = book.getSheet("Summary");
        assertThat(SHOWN.formatCellValue(rowStartingWith(summary, "The mobile satisfaction gap").getCell(5))).isEqualTo("20.1 pts");
        assertThat(SHOWN.formatCellValue(rowStartingWith(summary, "The mobile adoption gap").getCell(5))).isEqualTo("28.0 pts");
    }

    @Test
    void theSummaryShowsTheChangeSinceThePreviousDeliveredRun() {
        Row gap = rowStartingWith(book.getSheet("Summary"), "The care gap");
        PreviousRun previous = sample.report.previousRun().orElseThrow();
        Figure before = previous.figures().stream().filter(f -> f.isTotal() && f.figure().equals("care_gap")).findFirst().orElseThrow();
        double now = 402.0 / 550 - 396.0 / 1100;
        assertNumber(gap.getCell(11), 100 * before.share(), null);
        // the difference of the two values as shown (each to one decimal), as the e-mail gives it
        BigDecimal shownNow = BigDecimal.valueOf(100 * now).setScale(1, RoundingMode.HALF_UP);
        BigDecimal shownBefore = BigDecimal.valueOf(100 * before.share()).setScale(1, RoundingMode.HALF_UP);
        assertNumber(gap.getCell(12), shownNow.subtract(shownBefore).doubleValue(), null);
        assertThat(SHOWN.formatCellValue(gap.getCell(12))).matches("[+-]?\\d+\\.\\d pts");
        assertThat(rowStartingWith(book.getSheet("Summary"), "Compared with").getCell(1).getStringCellValue())
                .isEqualTo("run-00001");
    }

    @Test
    void datesAreDateFormattedNumbers() {
        Cell computed = rowStartingWith(book.getSheet("Summary"), "Run").getCell(3);
        assertDate(computed, SampleRun.FINISHED);
        Cell received = rowStartingWith(book.getSheet("Data quality"), 1.0).getCell(3);
        assertDate(received, sample.report.quality().get(0).receivedAt());
        Sheet responses = book.getSheet("Responses");
        assertThat(responses.getRow(0).getCell(4).getStringCellValue()).isEqualTo("ended_at");
        assertDate(responses.getRow(1).getCell(4), sample.included.get(0).respondent().endedAt());
    }

    @Test
    void theSummaryHasANativeBarChartOfTheThreeGaps() {
        XSSFDrawing drawing = ((XSSFSheet) book.getSheet("Summary")).getDrawingPatriarch();
        assertThat(drawing).isNotNull();
        List<XSSFChart> charts = drawing.getCharts();
        assertThat(charts).hasSize(1);
        var plot = charts.get(0).getCTChart().getPlotArea();
        assertThat(plot.getBarChartList()).hasSize(1);
        var series = plot.getBarChartArray(0).getSerArray(0);
        assertThat(series.getVal().getNumRef().getF()).startsWith("Summary!");
        assertThat(series.getVal().getNumRef().getNumCache().getPtCount().getVal()).isEqualTo(3);
    }

    @Test
    void theFiguresSheetHoldsEveryFigureWithSharesAsPercent() {
        Sheet figures = book.getSheet("Figures");
        Row header = rowStartingWith(figures, "Figure");
        int rows = figures.getLastRowNum() - header.getRowNum();
        assertThat(rows).isEqualTo(sample.report.figures().size());
        Row brands = rowStartingWith(figures, "brands_believe_care");
        assertThat(brands.getCell(7).getNumericCellValue()).isEqualTo(402);
        assertThat(brands.getCell(8).getNumericCellValue()).isEqualTo(550);
        assertNumber(brands.getCell(9), 402.0 / 550, "73.1%");
        assertNumber(brands.getCell(10), 0.6923, "69.2%");
        assertNumber(brands.getCell(11), 0.7663, "76.6%");
    }

    /**
     * The country crosstab's letters against the pooled two-proportion z-test worked here from the sheet's own counts
     * and bases, for every row and every pair of countries: z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)) with the
     * pooled p = (x1 + x2) / (n1 + n2); a letter when z > 1.959964 (two-sided 95%). The sample is unweighted, so
     * effective bases are the bases.
     */
    @Test
    void theCountryLettersAgreeWithATwoProportionTestWorkedByHand() {
        Sheet country = book.getSheet("Country");
        Row groups = rowStartingWith(country, "Figure");
        assertThat(SHOWN.formatCellValue(groups.getCell(3))).isEqualTo("Total");
        assertThat(groups.getCell(FIRST_GROUP).getStringCellValue()).isEqualTo("United States (A)");
        assertThat(groups.getCell(FIRST_GROUP + 4).getStringCellValue()).isEqualTo("United Kingdom (B)");
        assertThat(groups.getCell(FIRST_GROUP + 8).getStringCellValue()).isEqualTo("Australia (C)");
        int lettersSeen = 0;
        int rowsChecked = 0;
        for (int r = groups.getRowNum() + 2; r <= country.getLastRowNum(); r++) {
            Row row = country.getRow(r);
            if (row.getCell(FIRST_GROUP + 1) == null) {
                continue;  // a gap: points only, no letters
            }
            rowsChecked++;
            for (int a = 0; a < 3; a++) {
                StringBuilder expected = new StringBuilder();
                for (int b = 0; b < 3; b++) {
                    if (a != b && higherByHand(row, a, b)) {
                        expected.append(expected.isEmpty() ? "" : " ").append((char) ('A' + b));
                    }
                }
                String mark = SHOWN.formatCellValue(row.getCell(FIRST_GROUP + 4 * a + 3));
                if (!mark.equals("low base")) {
                    assertThat(mark).as("row %s, %s", row.getCell(0), row.getCell(2)).isEqualTo(expected.toString());
                    lettersSeen += expected.length() == 0 ? 0 : expected.toString().split(" ").length;
                }
            }
        }
        assertThat(rowsChecked).isGreaterThan(20);
        assertThat(lettersSeen).as("some differences between countries are significant").isPositive();
    }

    /**
     * One row worked through: consumers preferring text messages. United States 189 of 440 (42.95%) against
     * Australia 116 of 330 (35.15%): pooled p = 305/770 = 0.39610, standard error
     * sqrt(0.39610 * 0.60390 * (1/440 + 1/330)) = 0.035616, z = 0.07803 / 0.035616 = 2.19 > 1.96, so the United
     * States cell holds C. United States against the United Kingdom, 146 of 330 (44.24%): pooled p = 335/770 =
     * 0.43506, standard error 0.036103, z = -0.01287 / 0.036103 = -0.36: no letter either way. The United Kingdom
     * against Australia: pooled p = 262/660, standard error 0.038090, z = 0.09091 / 0.038090 = 2.39: C.
     */
    @Test
    void textMessagesArePreferredSignificantlyMoreInTheUnitedStatesAndTheUnitedKingdomThanInAustralia() {
        Row sms = null;
        for (Row row : book.getSheet("Country")) {
            if (row.getCell(2) != null && "C_PREF_CHANNELS".equals(SHOWN.formatCellValue(row.getCell(1)))
                    && "Text message (SMS)".equals(row.getCell(2).getStringCellValue())) {
                sms = row;
            }
        }
        assertThat(sms).isNotNull();
        int a = FIRST_GROUP;
        assertThat(List.of(sms.getCell(a).getNumericCellValue(), sms.getCell(a + 1).getNumericCellValue(),
                sms.getCell(a + 4).getNumericCellValue(), sms.getCell(a + 5).getNumericCellValue(),
                sms.getCell(a + 8).getNumericCellValue(), sms.getCell(a + 9).getNumericCellValue()))
                .containsExactly(189.0, 440.0, 146.0, 330.0, 116.0, 330.0);
        assertThat(SHOWN.formatCellValue(sms.getCell(a + 3))).isEqualTo("C");
        assertThat(SHOWN.formatCellValue(sms.getCell(a + 7))).isEqualTo("C");
        assertThat(SHOWN.formatCellValue(sms.getCell(a + 11))).isEmpty();
    }

    private static boolean higherByHand(Row row, int a, int b) {
        double x1 = row.getCell(FIRST_GROUP + 4 * a).getNumericCellValue();
        double n1 = row.getCell(FIRST_GROUP + 4 * a + 1).getNumericCellValue();
        double x2 = row.getCell(FIRST_GROUP + 4 * b).getNumericCellValue();
        double n2 = row.getCell(FIRST_GROUP + 4 * b + 1).getNumericCellValue();
        if (n1 < 30 || n2 < 30) {
            return false;
        }
        double p1 = x1 / n1;
        double p2 = x2 / n2;
        double pooled = (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        return se > 0 && (p1 - p2) / se > 1.959964;
    }

    @Test
    void aBaseUnder30IsFlaggedAndNotTested() {
        int flagged = 0;
        for (String name : List.of("Country", "Age band", "Industry", "Company size")) {
            Sheet sheet = book.getSheet(name);
            Row columns = sheet.getRow(rowStartingWith(sheet, "Figure").getRowNum() + 1);
            for (int r = columns.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                for (int c = 0; c < columns.getLastCellNum(); c++) {
                    // every base: the total's and each group's
                    if ("Base".equals(SHOWN.formatCellValue(columns.getCell(c))) && row.getCell(c) != null) {
                        boolean low = row.getCell(c).getNumericCellValue() < 30;
                        String mark = SHOWN.formatCellValue(row.getCell(c + 2));
                        assertThat(mark.equals("low base")).as("%s row %d column %d", name, r, c).isEqualTo(low);
                        if (low && row.getCell(c + 1) != null) {
                            assertThat(book.getFontAt(row.getCell(c + 1).getCellStyle().getFontIndex()).getItalic())
                                    .as("a low base's share is greyed").isTrue();
                        }
                        flagged += low ? 1 : 0;
                    }
                }
            }
        }
        assertThat(flagged).as("the sample has groups with bases under 30").isPositive();
    }

    @Test
    void aLowBaseTotalIsFlaggedInEachCrosstab() throws IOException {
        RunReport run = sample.report;
        RunReport low = new RunReport(run.runId(), run.name(), run.study(), run.trigger(), run.finishedAt(),
                ReportTexts.withLowBase(run.figures(), "brands_believe_care"), run.quality(), run.lastExport(), run.previous());
        Path file = folder.resolve("low-base-total.xlsx");
        ReportWorkbook.write(low, Audience.EVERYONE, sample.responses(), file);
        try (XSSFWorkbook lowBook = open(file)) {
            for (String name : List.of("Country", "Company size")) {
                Row brands = rowStartingWith(lowBook.getSheet(name), "Brands that believe they care for their customers");
                assertThat(brands.getCell(4).getNumericCellValue()).as(name).isEqualTo(25);
                assertThat(SHOWN.formatCellValue(brands.getCell(6))).as(name).isEqualTo("low base");
            }
            Row consumers = rowStartingWith(lowBook.getSheet("Country"), "Consumers who feel the companies they do business with care about them");
            assertThat(SHOWN.formatCellValue(consumers.getCell(6))).as("a total on a base of 30 or more").isEmpty();
        }
    }

    @Test
    void answerTextIsAStringCellNeverAFormula() {
        Sheet responses = book.getSheet("Responses");
        int comment = columnOf(responses.getRow(0), "C_COMMENT");
        Map<String, Cell> comments = new HashMap<>();
        for (Row row : responses) {
            Cell cell = row.getCell(comment);
            if (cell != null) {
                comments.put(SHOWN.formatCellValue(cell), cell);
            }
        }
        Cell formula = comments.get(FORMULA_COMMENT);
        assertThat(formula).isNotNull();
        assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
        assertThat(formula.getCellStyle().getQuotePrefixed()).as("kept as text when edited").isTrue();
        Cell script = comments.get(SCRIPT_COMMENT);
        assertThat(script.getCellType()).isEqualTo(CellType.STRING);
        assertThat(script.getStringCellValue()).isEqualTo(SCRIPT_COMMENT);
        for (Sheet sheet : book) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress())
                            .isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void theResponsesSheetHasEveryIncludedRespondentAsResponsesCsvHasIt() {
        Sheet responses = book.getSheet("Responses");
        assertThat(responses.getRow(0).getCell(0).getStringCellValue()).isEqualTo("export_file");
        assertThat(responses.getLastRowNum()).isEqualTo(1650 + 2);
        Row first = responses.getRow(1);
        Respondent respondent = sample.included.get(0).respondent();
        assertThat(first.getCell(0).getStringCellValue()).isEqualTo("qualtrics-consumers.csv");
        assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(respondent.row());
        assertThat(first.getCell(2).getStringCellValue()).isEqualTo(respondent.respondentId());
        assertThat(first.getCell(5).getNumericCellValue()).isEqualTo(1.0);
    }

    @Test
    void everySheetKeepsItsHeaderRowsInView() {
        for (Sheet sheet : book) {
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane).as(sheet.getSheetName()).isNotNull();
            assertThat(pane.isFreezePane()).as(sheet.getSheetName()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).as(sheet.getSheetName()).isPositive();
        }
        Sheet figures = book.getSheet("Figures");
        assertThat(figures.getPaneInformation().getHorizontalSplitTopRow())
                .isEqualTo((short) (rowStartingWith(figures, "Figure").getRowNum() + 1));
        assertThat(book.getSheet("Responses").getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
    }

    @Test
    void theDataQualitySheetAccountsForEveryRowRead() {
        Sheet quality = book.getSheet("Data quality");
        Row all = rowStartingWith(quality, 1, "All exports");
        assertThat(all.getCell(5).getNumericCellValue()).isEqualTo(1657);
        assertThat(all.getCell(6).getNumericCellValue()).isEqualTo(1650);
        assertThat(all.getCell(7).getNumericCellValue() + all.getCell(8).getNumericCellValue()
                + all.getCell(9).getNumericCellValue() + all.getCell(10).getNumericCellValue()).isEqualTo(7);
        assertThat(all.getCell(11).getNumericCellValue()).isEqualTo(2);
    }

    @Test
    void moreRespondentsThanASheetHoldsStopAtItsLastRowWhichSaysSo() throws IOException {
        Respondent[] ten = IntStream.rangeClosed(1, 10).mapToObj(i -> comment(i, "comment " + i)).toArray(Respondent[]::new);
        Path small = folder.resolve("small.xlsx");
        ReportWorkbook.write(sample.report, Audience.EVERYONE, consumer -> {
            for (Respondent r : ten) {
                consumer.accept("ten.csv", r);
            }
        }, small, 5);
        try (XSSFWorkbook written = open(small)) {
            Sheet responses = written.getSheet("Responses");
            assertThat(responses.getLastRowNum()).isEqualTo(4);
            assertThat(responses.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(3);
            assertThat(responses.getRow(4).getCell(0).getStringCellValue())
                    .contains("at most 5 rows").contains("7 more respondents").contains("responses.csv");
        }
        Path exact = folder.resolve("exact.xlsx");
        ReportWorkbook.write(sample.report, Audience.EVERYONE, consumer -> {
            for (int i = 0; i < 4; i++) {
                consumer.accept("four.csv", ten[i]);
            }
        }, exact, 5);
        try (XSSFWorkbook written = open(exact)) {
            Sheet responses = written.getSheet("Responses");
            assertThat(responses.getLastRowNum()).as("four respondents fit under the header").isEqualTo(4);
            assertThat(responses.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(4);
        }
    }

    @Test
    void anAudienceOfOneCountryGetsItsFiguresAndNoResponses() throws IOException {
        Path file = folder.resolve("australia.xlsx");
        ReportWorkbook.write(sample.report, Audience.group("country", "Australia"), null, file);
        try (XSSFWorkbook written = open(file)) {
            assertThat(written.getSheet("Responses")).isNull();
            assertThat(written.getSheet("Country")).isNull();
            Sheet summary = written.getSheet("Summary");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).endsWith(": Australia");
            Figure australia = sample.report.figures().stream()
                    .filter(f -> f.figure().equals("care_gap") && "Australia".equals(f.group())).findFirst().orElseThrow();
            assertNumber(rowStartingWith(summary, "The care gap").getCell(5), 100 * australia.share(), null);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    static XSSFWorkbook open(Path file) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    static void assertNumber(Cell cell, double expected, String shown) {
        assertThat(cell.getCellType()).as(cell.getAddress().toString()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getNumericCellValue()).as(cell.getAddress().toString()).isCloseTo(expected, within(0.006));
        if (shown != null) {
            assertThat(SHOWN.formatCellValue(cell)).as(cell.getAddress().toString()).isEqualTo(shown);
        }
    }

    static void assertDate(Cell cell, Instant expected) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
        assertThat(cell.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(expected, ZoneOffset.UTC));
    }

    static Row rowStartingWith(Sheet sheet, String text) {
        return rowStartingWith(sheet, 0, text);
    }

    static Row rowStartingWith(Sheet sheet, int column, String text) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + sheet.getSheetName() + " starts with " + text);
    }

    static Row rowStartingWith(Sheet sheet, double number) {
        List<Row> rows = new ArrayList<>();
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.NUMERIC && cell.getNumericCellValue() == number) {
                rows.add(row);
            }
        }
        assertThat(rows).isNotEmpty();
        return rows.get(0);
    }

    static int columnOf(Row header, String name) {
        for (Cell cell : header) {
            if (name.equals(cell.getStringCellValue())) {
                return cell.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + name);
    }
}
