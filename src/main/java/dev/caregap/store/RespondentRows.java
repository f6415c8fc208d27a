package dev.caregap.store;

import dev.caregap.respondent.Issue;

/**
 * Data issue and identity rows as lines of PostgreSQL's COPY text format: values separated by a tab, a line per row,
 * {@code \N} for null, and a backslash before every backslash, tab, newline and carriage return inside a value (the
 * format's escapes), so any text, open answers included, comes back as it went in. The columns are
 * {@link #ISSUE_COLUMNS} and {@link #IDENTITY_COLUMNS}, in that order.
 */
final class RespondentRows {

    static final String ISSUE_COLUMNS = "data_issue (export_id, row_no, column_name, question, value_read, reason)";
    static final String IDENTITY_COLUMNS =
            "respondent_identity (identity_key, study, segment, respondent_id, export_id, row_no, ended_at, id_hash)";

    private RespondentRows() {
    }

    /** One identity row (the respondent id already cut as the stored respondent keeps it). */
    static void identity(long key, String study, long exportId, StoredIdentity identity, StringBuilder out) {
        out.append(key).append('\t');
        value(study, out).append('\t');
        value(identity.segment(), out).append('\t');
        value(identity.respondentId(), out).append('\t');
        out.append(exportId).append('\t').append(identity.row()).append('\t');
        value(identity.endedAt() == null ? null : identity.endedAt().toString(), out).append('\t');
        out.append(identity.idHash()).append('\n');
    }

    /** One data issue row, shortened to the columns' sizes as the inserts do. */
    static void issue(long exportId, Issue i, StringBuilder out) {
        out.append(exportId).append('\t').append(i.row()).append('\t');
        value(ExportStore.shorten(i.column(), 500), out).append('\t');
        value(i.question(), out).append('\t');
        value(ExportStore.shorten(i.value(), 200), out).append('\t');
        value(ExportStore.shorten(i.reason(), 500), out).append('\n');
    }

    /** A text value in the COPY text format: null as {@code \N}, the format's four special characters escaped. */
    static StringBuilder value(String text, StringBuilder out) {
        if (text == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
