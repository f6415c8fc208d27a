package dev.caregap.report.workbook;

import dev.caregap.results.ResponsesCsv;
import dev.caregap.study.Study;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Responses sheet: the cleaned tidy data of the included respondents, as responses.csv has it (the same
 * columns, answers as option texts), with the row and weight as numbers and the end as a date. Written as the
 * rows come, on a streaming sheet that keeps only a window of rows in memory. The sheet holds at most a set number
 * of rows (a workbook is for looking, responses.csv for analysis; Excel's own limit is 1,048,576): when there are
 * more respondents, the last row says how many are left out and that responses.csv holds them all.
 */
final class ResponsesSheet {

    static final String NAME = "Responses";
    /** Rows an Excel sheet holds, the header among them. */
    static final int EXCEL_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final SheetWriter out;
    private final int lastRow;
    private List<String> held;

    private ResponsesSheet(SheetWriter out, int mostRows) {
        this.out = out;
        this.lastRow = mostRows - 1;
    }

    /** Writes the sheet with at most {@code mostRows} rows (the header and a closing note among them). */
    static void write(SheetWriter out, Study study, ResponseRows rows, int mostRows) {
        if (mostRows < 3 || mostRows > EXCEL_ROWS) {
            throw new IllegalArgumentException("a responses sheet has room for a header, a respondent and a note, "
                    + "and at most " + EXCEL_ROWS + " rows: not " + mostRows);
        }
        List<String> header = ResponsesCsv.header(study);
        out.header(header.toArray(String[]::new));
        out.freeze(3, 1);
        ResponsesSheet sheet = new ResponsesSheet(out, mostRows);
        long total = rows.forEach(sheet::add);
        sheet.finish(total);
        out.fitColumns(header.size(), 8);
    }

    /** Writes the row if there is room; the last row is held until it is known whether another follows. */
    private boolean add(List<String> cells) {
        if (out.rowIndex() < lastRow) {
            row(cells);
            return true;
        }
        if (held == null) {
            held = cells;
            return true;
        }
        return false;
    }

    private void finish(long total) {
        long shown = out.rowIndex() - 1L;
        if (held != null && total == shown + 1) {
            row(held);
        } else if (total > shown) {
            NumberFormat count = NumberFormat.getIntegerInstance(Locale.ROOT);
            out.text(out.row(), 0, "This sheet shows at most " + count.format(lastRow + 1) + " rows: "
                    + (total - shown) + " more respondents are not shown here. responses.csv holds all "
                    + count.format(total) + " respondents.", out.styles.flag);
        }
    }

    /** export_file, row, respondent_id, segment, ended_at, weight, then each question (see {@link ResponsesCsv}). */
    private void row(List<String> cells) {
        Row row = out.row();
        out.text(row, 0, cells.get(0));
        out.whole(row, 1, Long.parseLong(cells.get(1)));
        out.text(row, 2, cells.get(2));
        out.text(row, 3, cells.get(3));
        String ended = cells.get(4);
        out.date(row, 4, ended == null || ended.isEmpty() ? null : Instant.parse(ended));
        String weight = cells.get(5);
        out.number(row, 5, weight == null || weight.isEmpty() ? null : Double.valueOf(weight), out.styles.plain);
        for (int i = 6; i < cells.size(); i++) {
            out.text(row, i, cells.get(i));
        }
    }
}
