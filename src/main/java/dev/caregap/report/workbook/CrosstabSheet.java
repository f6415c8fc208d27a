package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.study.Breakdown;
import dev.caregap.study.Measure;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A crosstab of one breakdown: each figure down the side (in the order of the totals), the total and then the
 * breakdown's groups across, each group with its count, base, share and the letters of the groups it is
 * significantly higher than ({@link ColumnLetters}). Shares on a base under 30 are greyed and flagged "low base".
 * A gap shows its points per group, without letters.
 */
final class CrosstabSheet {

    /** Figure, question, answer. */
    private static final int SIDE = 3;
    private static final String[] GROUP_COLUMNS = {"Count", "Base", "Share", "Higher than"};
    /** The total has no letters: its last column only flags a low base, as everywhere a figure appears. */
    private static final String[] TOTAL_COLUMNS = {"Count", "Base", "Share", "Note"};

    private CrosstabSheet() {
    }

    /** Whether the figures hold any group of the breakdown: a breakdown with none gets no sheet. */
    static boolean applies(Breakdown breakdown, List<Figure> figures) {
        return figures.stream().anyMatch(f -> breakdown.id().equals(f.breakdown()));
    }

    static void write(SheetWriter out, Breakdown breakdown, List<Figure> figures) {
        List<String> groups = new ArrayList<>();
        // rows in the order of the totals, then any row only the breakdown has; cells by group
        Map<String, Figure> totals = new LinkedHashMap<>();
        Map<String, Map<String, Figure>> rows = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (f.isTotal()) {
                totals.putIfAbsent(FigureIndex.row(f), f);
            }
        }
        totals.keySet().forEach(key -> rows.put(key, new LinkedHashMap<>()));
        for (Figure f : figures) {
            if (breakdown.id().equals(f.breakdown())) {
                if (!groups.contains(f.group())) {
                    groups.add(f.group());
                }
                rows.computeIfAbsent(FigureIndex.row(f), k -> new LinkedHashMap<>()).putIfAbsent(f.group(), f);
            }
        }
        rows.values().removeIf(Map::isEmpty);

        out.title(breakdown.label() + ": each figure by group");
        out.note("Letters: the group's share is significantly higher than the share of each lettered group "
                + "(two-sided two-proportion z-test at 95%). Bases under 30 are low: not tested, greyed and flagged.");
        out.skip();
        Row groupHeader = out.header("Figure", "Question", "Answer");
        out.text(groupHeader, SIDE, "Total", out.styles.header);
        for (int c = SIDE + 1; c < SIDE + TOTAL_COLUMNS.length; c++) {
            out.text(groupHeader, c, "", out.styles.header);
        }
        out.merge(groupHeader, SIDE, SIDE + TOTAL_COLUMNS.length - 1);
        for (int g = 0; g < groups.size(); g++) {
            int first = groupColumn(g);
            out.text(groupHeader, first, groups.get(g) + " (" + ColumnLetters.letter(g) + ")", out.styles.header);
            for (int c = first + 1; c < first + GROUP_COLUMNS.length; c++) {
                out.text(groupHeader, c, "", out.styles.header);
            }
            out.merge(groupHeader, first, first + GROUP_COLUMNS.length - 1);
        }
        Row columnHeader = out.header("", "", "");
        for (int c = 0; c < TOTAL_COLUMNS.length; c++) {
            out.text(columnHeader, SIDE + c, TOTAL_COLUMNS[c], out.styles.header);
        }
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < GROUP_COLUMNS.length; c++) {
                out.text(columnHeader, groupColumn(g) + c, GROUP_COLUMNS[c], out.styles.header);
            }
        }
        out.freeze(SIDE, out.rowIndex());

        for (Map.Entry<String, Map<String, Figure>> entry : rows.entrySet()) {
            Map<String, Figure> byGroup = entry.getValue();
            Figure first = byGroup.values().iterator().next();
            Row row = out.row();
            out.text(row, 0, first.label());
            out.text(row, 1, first.question());
            out.text(row, 2, first.answer());
            Figure total = totals.get(entry.getKey());
            if (total != null) {
                cells(out, row, SIDE, total);
                if (total.lowBase()) {
                    out.text(row, SIDE + 3, "low base", out.styles.flag);
                }
            }
            List<Figure> cells = groups.stream().map(byGroup::get).toList();
            List<String> letters = ColumnLetters.of(cells);
            for (int g = 0; g < groups.size(); g++) {
                Figure cell = cells.get(g);
                if (cell == null) {
                    continue;
                }
                int column = groupColumn(g);
                cells(out, row, column, cell);
                String mark = cell.lowBase() ? "low base" : letters.get(g);
                out.text(row, column + 3, mark, cell.lowBase() ? out.styles.flag : null);
            }
        }
        out.fitColumns(SIDE + TOTAL_COLUMNS.length + groups.size() * GROUP_COLUMNS.length, 7);
    }

    private static int groupColumn(int group) {
        return SIDE + TOTAL_COLUMNS.length + group * GROUP_COLUMNS.length;
    }

    /** Count, base and share (a gap: its points only). */
    private static void cells(SheetWriter out, Row row, int column, Figure f) {
        boolean gap = f.measure() == Measure.GAP;
        if (!gap) {
            out.whole(row, column, f.count());
            out.whole(row, column + 1, f.base());
        }
        CellStyle style = gap ? f.lowBase() ? out.styles.lowBasePoints : out.styles.points
                : f.lowBase() ? out.styles.lowBasePercent : out.styles.percent;
        out.number(row, column + 2, FiguresSheet.value(f, f.share()), style);
    }
}
