package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.report.Audience;
import dev.caregap.report.Change;
import dev.caregap.results.Percent;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import dev.caregap.stats.ZTest;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTDLbls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Summary sheet: the run, the study's headline gaps (both shares, the gap with its interval, p-value,
 * significance at 95%, low-base flag, and the change since the run delivered before), a bar chart of the gaps,
 * and the other headline figures. What is headline and what is a gap comes from the study definition.
 */
final class SummarySheet {

    static final String NAME = "Summary";

    /** The gaps table's columns; the chart reads the labels and the points from it. */
    static final String[] GAP_HEADER = {"Gap", "First side", "Share", "Second side", "Share",
            "Gap (points: first minus second)",
            "95% interval low (points)", "95% interval high (points)", "p-value", "Significant at 95%", "Low base",
            "Previous run (points)", "Change since previous run (points)"};
    static final int GAP_LABEL = 0;
    static final int GAP_POINTS = 5;
    /** Rows of the chart. */
    private static final int CHART_ROWS = 18;

    private SummarySheet() {
    }

    static void write(SheetWriter out, RunReport report, Audience audience) {
        FigureIndex figures = new FigureIndex(report.figures());
        Optional<PreviousRun> previousRun = report.previousRun();
        FigureIndex previous = new FigureIndex(previousRun.map(PreviousRun::figures).orElse(List.of()));

        out.title(report.study().title() + (audience.everyone() ? "" : ": " + audience.label()));
        Row run = out.row();
        out.text(run, 0, "Run");
        out.text(run, 1, report.name());
        out.text(run, 2, "Computed at (UTC)");
        out.date(run, 3, report.finishedAt());
        out.text(run, 4, "Respondents in the run");
        out.whole(run, 5, report.respondentsIncluded());
        Row compared = out.row();
        out.text(compared, 0, "Compared with");
        if (previousRun.isPresent()) {
            out.text(compared, 1, previousRun.get().name());
            out.text(compared, 2, "Computed at (UTC)");
            out.date(compared, 3, previousRun.get().finishedAt());
        } else {
            out.text(compared, 1, "no run delivered before this one");
        }
        out.skip();

        List<Figure> gaps = new ArrayList<>();
        for (FigureSpec spec : report.study().figures()) {
            if (spec.headline() && spec.measure() == Measure.GAP) {
                figures.total(spec.id()).ifPresent(gaps::add);
            }
        }
        int header = out.rowIndex();
        out.header(GAP_HEADER);
        out.freeze(1, header + 1);
        if (gaps.isEmpty()) {
            out.note("No gap for this audience: a gap compares two segments.");
        }
        int firstGap = out.rowIndex();
        for (Figure gap : gaps) {
            FigureSpec spec = report.study().figure(gap.figure()).orElseThrow();
            Row row = out.row();
            out.text(row, 0, gap.label());
            side(out, row, 1, figures.total(spec.minuend()));
            side(out, row, 3, figures.total(spec.subtrahend()));
            points(out, row, 5, gap.share(), gap.lowBase());
            points(out, row, 6, gap.low(), gap.lowBase());
            points(out, row, 7, gap.high(), gap.lowBase());
            out.number(row, 8, gap.p(), out.styles.p);
            boolean tested = gap.p() != null && !gap.p().isNaN();
            out.text(row, 9, !tested ? "no test" : new ZTest(gap.z(), gap.p()).significant() ? "yes" : "no");
            out.text(row, 10, gap.lowBase() ? "low base" : "", out.styles.flag);
            change(out, row, 11, gap, previous);
        }
        int lastGap = out.rowIndex() - 1;
        out.skip();
        if (!gaps.isEmpty()) {
            chart(out, firstGap, lastGap);
        }

        out.title("Headline figures");
        out.header("Figure", "Question", "Answer", "Share", "95% interval low", "95% interval high", "Base",
                "Low base", "Previous run", "Change since previous run (points)");
        for (FigureSpec spec : report.study().figures()) {
            if (!spec.headline() || spec.measure() == Measure.GAP) {
                continue;
            }
            for (Figure figure : report.figures()) {
                if (figure.isTotal() && figure.figure().equals(spec.id())) {
                    Row row = out.row();
                    out.text(row, 0, figure.label());
                    out.text(row, 1, figure.question());
                    out.text(row, 2, figure.answer());
                    share(out, row, 3, figure.share(), figure.lowBase());
                    share(out, row, 4, figure.low(), figure.lowBase());
                    share(out, row, 5, figure.high(), figure.lowBase());
                    out.whole(row, 6, figure.base());
                    out.text(row, 7, figure.lowBase() ? "low base" : "", out.styles.flag);
                    Optional<Figure> before = previous.same(figure);
                    before.ifPresent(b -> share(out, row, 8, b.share(), b.lowBase()));
                    change(out, row, 9, figure, previous);
                }
            }
        }
        out.fitColumns(GAP_HEADER.length, 10);
    }

    /** One side of a gap: its label and share. */
    private static void side(SheetWriter out, Row row, int column, Optional<Figure> side) {
        side.ifPresent(f -> {
            out.text(row, column, f.label());
            share(out, row, column + 1, f.share(), f.lowBase());
        });
    }

    private static void share(SheetWriter out, Row row, int column, double share, boolean lowBase) {
        out.number(row, column, Percent.share(share), lowBase ? out.styles.lowBasePercent : out.styles.percent);
    }

    private static void points(SheetWriter out, Row row, int column, double gap, boolean lowBase) {
        out.number(row, column, Percent.points(gap), lowBase ? out.styles.lowBasePoints : out.styles.points);
    }

    /** The figure in the previous run (gaps only: a share's previous value has a column of its own) and the change in points. */
    private static void change(SheetWriter out, Row row, int column, Figure figure, FigureIndex previous) {
        Optional<Figure> before = previous.same(figure);
        if (before.isEmpty()) {
            return;
        }
        boolean gap = figure.measure() == Measure.GAP;
        if (gap) {
            points(out, row, column, before.get().share(), before.get().lowBase());
            column++;
        }
        // the difference of the two values as shown, as the e-mail and report.html give it (Change)
        int at = column;
        Change.points(figure, before.get()).ifPresent(points -> out.number(row, at, points.doubleValue(), out.styles.change));
    }

    /** A native bar chart of the gaps, in points, drawn from the gaps table below its header. */
    private static void chart(SheetWriter out, int firstGap, int lastGap) {
        XSSFSheet sheet = (XSSFSheet) out.sheet;
        int top = out.rowIndex();
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 0, top, 6, top + CHART_ROWS));
        chart.setTitleText("The gaps, in percentage points");
        chart.setTitleOverlay(false);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis points = chart.createValueAxis(AxisPosition.LEFT);
        points.setCrosses(AxisCrosses.AUTO_ZERO);
        points.setCrossBetween(AxisCrossBetween.BETWEEN);  // whole bars, not halved at the ends
        points.setTitle("points");
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, points);
        data.setBarDirection(BarDirection.COL);
        data.setVaryColors(false);
        XDDFChartData.Series series = data.addSeries(
                XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(firstGap, lastGap, GAP_LABEL, GAP_LABEL)),
                XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(firstGap, lastGap, GAP_POINTS, GAP_POINTS)));
        series.setTitle(GAP_HEADER[GAP_POINTS], null);
        chart.plot(data);
        // each bar labelled with its value, to one decimal
        CTDLbls labels = chart.getCTChart().getPlotArea().getBarChartArray(0).getSerArray(0).addNewDLbls();
        labels.addNewNumFmt().setFormatCode("0.0");
        labels.getNumFmt().setSourceLinked(false);
        labels.addNewShowLegendKey().setVal(false);
        labels.addNewShowVal().setVal(true);
        labels.addNewShowCatName().setVal(false);
        labels.addNewShowSerName().setVal(false);
        labels.addNewShowPercent().setVal(false);
        labels.addNewShowBubbleSize().setVal(false);
        for (int i = 0; i < CHART_ROWS + 1; i++) {
            out.skip();
        }
    }
}
