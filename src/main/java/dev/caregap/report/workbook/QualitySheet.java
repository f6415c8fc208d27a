package dev.caregap.report.workbook;

import dev.caregap.quality.ExportQuality;
import dev.caregap.quality.IssueCount;
import dev.caregap.respondent.Exclusion;
import org.apache.poi.ss.usermodel.Row;

import java.util.List;

/**
 * The Data quality sheet: per export, oldest first, what was read, included and excluded for each reason, and
 * how many answers were set missing or corrected (as data-quality.csv); with a row for all exports; then why, in
 * plain words, as data-quality-reasons.csv has it.
 */
final class QualitySheet {

    static final String NAME = "Data quality";

    static final String[] HEADER = {"Export", "File", "Source", "Received at (UTC)", "Layout", "Rows read",
            "Included", "Excluded: incomplete", "Excluded: ineligible", "Excluded: duplicate", "Excluded: no segment",
            "Answers set missing"};
    static final String[] REASONS_HEADER = {"Export", "File", "What", "Column", "Question", "Reason", "Count"};

    private QualitySheet() {
    }

    static void write(SheetWriter out, List<ExportQuality> quality) {
        out.title("Data quality: every export the run covers");
        out.skip();
        int header = out.rowIndex();
        out.header(HEADER);
        out.freeze(2, header + 1);
        long[] sums = new long[7];
        for (ExportQuality export : quality) {
            Row row = out.row();
            out.whole(row, 0, export.exportId());
            out.text(row, 1, export.fileName());
            out.text(row, 2, export.source());
            out.date(row, 3, export.receivedAt());
            out.text(row, 4, export.layout());
            long[] counts = {export.rowsRead(), export.included(), export.incomplete(), export.ineligible(),
                    export.duplicate(), export.noSegment(), export.answersSetMissing()};
            for (int i = 0; i < counts.length; i++) {
                out.whole(row, 5 + i, counts[i]);
                sums[i] += counts[i];
            }
        }
        Row all = out.row();
        out.text(all, 1, "All exports", out.styles.header);
        for (int i = 0; i < sums.length; i++) {
            out.whole(all, 5 + i, sums[i]);
        }

        out.skip();
        out.title("Why: respondents excluded and answers set missing, by reason");
        out.header(REASONS_HEADER);
        for (ExportQuality export : quality) {
            excluded(out, export, Exclusion.INCOMPLETE, export.incomplete());
            excluded(out, export, Exclusion.INELIGIBLE, export.ineligible());
            excluded(out, export, Exclusion.DUPLICATE, export.duplicate());
            excluded(out, export, Exclusion.NO_SEGMENT, export.noSegment());
            for (IssueCount issue : export.issues()) {
                Row row = reason(out, export, "answers set missing", issue.reason(), issue.count());
                out.text(row, 3, issue.column());
                out.text(row, 4, issue.question());
            }
        }
        out.fitColumns(HEADER.length, 10);
    }

    private static void excluded(SheetWriter out, ExportQuality export, Exclusion exclusion, long count) {
        if (count > 0) {
            reason(out, export, "respondents excluded", exclusion.reason(), count);
        }
    }

    private static Row reason(SheetWriter out, ExportQuality export, String what, String reason, long count) {
        Row row = out.row();
        out.whole(row, 0, export.exportId());
        out.text(row, 1, export.fileName());
        out.text(row, 2, what);
        out.text(row, 5, reason);
        out.whole(row, 6, count);
        return row;
    }
}
