package dev.caregap.results;

import dev.caregap.quality.ExportQuality;
import dev.caregap.quality.IssueCount;
import dev.caregap.respondent.Exclusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The data-quality account of a run, as two tables of one shape each so they sort and filter cleanly:
 * <ul>
 *   <li>data-quality.csv: one row per export, oldest first: what was read, included, excluded for
 *       each reason, how many answers were set missing or corrected, and, for a mailed export, where it came
 *       from (sender, subject, Message-ID, received time, attachment);</li>
 *   <li>data-quality-reasons.csv: why, in plain words: per export, one row per exclusion reason
 *       that occurred (respondents excluded) and one row per column and reason of the values set
 *       missing or corrected (answers set missing).</li>
 * </ul>
 * The reasons' counts add up to the matching columns of data-quality.csv.
 */
final class DataQualityCsv {

    static final String EXPORTS_FILE = "data-quality.csv";
    static final String REASONS_FILE = "data-quality-reasons.csv";

    static final List<String> EXPORTS_HEADER = List.of("export_id", "file", "source", "received_at", "layout",
            "rows_read", "included", "excluded_incomplete", "excluded_ineligible", "excluded_duplicate",
            "excluded_no_segment", "answers_set_missing", "provenance");

    static final List<String> REASONS_HEADER = List.of("export_id", "file", "what", "column", "question",
            "reason", "count");

    static final String RESPONDENTS_EXCLUDED = "respondents excluded";
    static final String ANSWERS_SET_MISSING = "answers set missing";

    private DataQualityCsv() {
    }

    static void write(Path folder, List<ExportQuality> quality) throws IOException {
        try (SafeCsv csv = SafeCsv.create(folder.resolve(EXPORTS_FILE), EXPORTS_HEADER)) {
            for (ExportQuality export : quality) {
                csv.row(List.of(
                        Long.toString(export.exportId()),
                        text(export.fileName()),
                        text(export.source()),
                        export.receivedAt() == null ? "" : export.receivedAt().toString(),
                        text(export.layout()),
                        Long.toString(export.rowsRead()),
                        Long.toString(export.included()),
                        Long.toString(export.incomplete()),
                        Long.toString(export.ineligible()),
                        Long.toString(export.duplicate()),
                        Long.toString(export.noSegment()),
                        Long.toString(export.answersSetMissing()),
                        text(export.provenance())));
            }
        }
        try (SafeCsv csv = SafeCsv.create(folder.resolve(REASONS_FILE), REASONS_HEADER)) {
            for (ExportQuality export : quality) {
                writeExcluded(csv, export, Exclusion.INCOMPLETE, export.incomplete());
                writeExcluded(csv, export, Exclusion.INELIGIBLE, export.ineligible());
                writeExcluded(csv, export, Exclusion.DUPLICATE, export.duplicate());
                writeExcluded(csv, export, Exclusion.NO_SEGMENT, export.noSegment());
                for (IssueCount issue : export.issues()) {
                    csv.row(List.of(Long.toString(export.exportId()), text(export.fileName()), ANSWERS_SET_MISSING,
                            text(issue.column()), text(issue.question()), text(issue.reason()),
                            Long.toString(issue.count())));
                }
            }
        }
    }

    private static void writeExcluded(SafeCsv csv, ExportQuality export, Exclusion exclusion, long count)
            throws IOException {
        if (count > 0) {
            csv.row(List.of(Long.toString(export.exportId()), text(export.fileName()), RESPONDENTS_EXCLUDED,
                    "", "", exclusion.reason(), Long.toString(count)));
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
