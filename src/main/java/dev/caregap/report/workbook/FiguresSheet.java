package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.results.FiguresCsv;
import dev.caregap.results.Percent;
import dev.caregap.run.RunReport;
import dev.caregap.study.Measure;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The Figures sheet: every figure of the run, one row each, as figures.csv has them, with numbers as numbers: a
 * share and its interval as percentages, a gap and its interval in points, counts and bases as whole numbers,
 * the p-value in scientific notation. A gap has no count, base or effective base of its own; an empty group
 * has no share.
 */
final class FiguresSheet {

    static final String NAME = "Figures";

    static final String[] HEADER = {"Figure", "Label", "Measure", "Question", "Answer", "Breakdown", "Group",
            "Count", "Base", "Share (gap in points)", "95% interval low", "95% interval high", "Effective base", "z",
            "p-value", "Low base", "Rank"};

    private FiguresSheet() {
    }

    static void write(SheetWriter out, RunReport report) {
        out.title("Every figure of " + report.name());
        Row computed = out.row();
        out.text(computed, 0, "Computed at (UTC)");
        out.date(computed, 1, report.finishedAt());
        out.skip();
        int header = out.rowIndex();
        out.header(HEADER);
        out.freeze(1, header + 1);
        for (Figure f : report.figures()) {
            boolean gap = f.measure() == Measure.GAP;
            Row row = out.row();
            out.text(row, 0, f.figure());
            out.text(row, 1, f.label());
            out.text(row, 2, FiguresCsv.measureName(f.measure()));
            out.text(row, 3, f.question());
            out.text(row, 4, f.answer());
            out.text(row, 5, f.breakdown());
            out.text(row, 6, f.group());
            if (!gap) {
                out.whole(row, 7, f.count());
                out.whole(row, 8, f.base());
            }
            CellStyle style = gap ? f.lowBase() ? out.styles.lowBasePoints : out.styles.points
                    : f.lowBase() ? out.styles.lowBasePercent : out.styles.percent;
            out.number(row, 9, value(f, f.share()), style);
            out.number(row, 10, value(f, f.low()), style);
            out.number(row, 11, value(f, f.high()), style);
            if (!gap && f.base() > 0) {
                out.number(row, 12, f.effectiveBase(), out.styles.decimal);
            }
            out.number(row, 13, f.z(), out.styles.z);
            out.number(row, 14, f.p(), out.styles.p);
            out.text(row, 15, f.lowBase() ? "low base" : "", out.styles.flag);
            if (f.rank() != null) {
                out.whole(row, 16, f.rank());
            }
        }
        int last = Math.max(out.rowIndex() - 1, header);
        out.sheet.setAutoFilter(new CellRangeAddress(header, last, 0, HEADER.length - 1));
        out.fitColumns(HEADER.length, 8);
    }

    /** A share as a proportion (shown as percent), a gap in points. */
    static double value(Figure f, double share) {
        return f.measure() == Measure.GAP ? Percent.points(share) : Percent.share(share);
    }
}
