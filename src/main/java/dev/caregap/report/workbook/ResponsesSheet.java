package dev.caregap.report.workbook;

import dev.caregap.respondent.Respondent;
import dev.caregap.results.ResponsesCsv;
import dev.caregap.run.ResponseSource;
import dev.caregap.study.Study;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The Responses sheet: the cleaned tidy data of the included respondents, as responses.csv has it (the same
 * columns, answers as option texts), with the row and weight as numbers and the end as a date. Written as the
 * respondents stream in, on a streaming sheet that keeps only a window of rows in memory. A sheet holds at most
 * 1,048,576 rows: when there are more respondents than fit, the last row says how many are left out (responses.csv
 * holds them all).
 */
final class ResponsesSheet {

    static final String NAME = "Responses";
    /** Rows an Excel sheet holds, the header among them. */
    static final int EXCEL_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final SheetWriter out;
    private final Study study;
    private final int lastRow;
    private String heldFile;
    private Respondent held;
    private long leftOut;

    private ResponsesSheet(SheetWriter out, Study study, int mostRows) {
        this.out = out;
        this.study = study;
        this.lastRow = mostRows - 1;
    }

    /** Writes the sheet with at most {@code mostRows} rows (the header and a closing note among them). */
    static void write(SheetWriter out, Study study, ResponseSource responses, int mostRows) {
        if (mostRows < 3) {
            throw new IllegalArgumentException("a responses sheet needs room for a header, a respondent and a note");
        }
        List<String> header = ResponsesCsv.header(study);
        out.header(header.toArray(String[]::new));
        out.freeze(3, 1);
        ResponsesSheet sheet = new ResponsesSheet(out, study, mostRows);
        responses.forEach(sheet::add);
        sheet.finish();
        out.fitColumns(header.size(), 8);
    }

    private void add(String exportFile, Respondent respondent) {
        if (out.rowIndex() < lastRow) {
            row(exportFile, respondent);
        } else if (held == null && leftOut == 0) {
            // the last row: a respondent if none follows, else the note saying how many did not fit
            heldFile = exportFile;
            held = respondent;
        } else {
            leftOut += held == null ? 1 : 2;
            held = null;
            heldFile = null;
        }
    }

    private void finish() {
        if (held != null) {
            row(heldFile, held);
        } else if (leftOut > 0) {
            out.text(out.row(), 0, "A sheet holds at most " + NumberFormat.getIntegerInstance(Locale.ROOT).format(lastRow + 1)
                    + " rows: " + leftOut + " more respondents are not shown here. responses.csv holds every "
                    + "respondent.", out.styles.flag);
        }
    }

    /** export_file, row, respondent_id, segment, ended_at, weight, then each question (see {@link ResponsesCsv}). */
    private void row(String exportFile, Respondent respondent) {
        Row row = out.row();
        out.text(row, 0, exportFile);
        out.whole(row, 1, respondent.row());
        out.text(row, 2, respondent.respondentId());
        out.text(row, 3, respondent.segment());
        out.date(row, 4, respondent.endedAt());
        out.number(row, 5, respondent.weight(), out.styles.plain);
        List<String> answers = ResponsesCsv.answers(study, respondent);
        for (int i = 0; i < answers.size(); i++) {
            out.text(row, 6 + i, answers.get(i));
        }
    }
}
