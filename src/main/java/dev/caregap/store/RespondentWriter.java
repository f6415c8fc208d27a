package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one export's respondents (with their answers) and issues in JDBC batches, so an export of any size is stored
 * with a bounded buffer.
 */
public final class RespondentWriter {

    static final int BATCH = 2_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final long exportId;
    private final String study;
    private final List<Respondent> respondents = new ArrayList<>(BATCH);
    private final List<Issue> issues = new ArrayList<>();

    RespondentWriter(JdbcTemplate jdbc, TransactionTemplate transaction, long exportId, String study) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.exportId = exportId;
        this.study = study;
    }

    public void add(Respondent respondent, List<Issue> respondentIssues) {
        respondents.add(respondent);
        issues.addAll(respondentIssues);
        if (respondents.size() >= BATCH) {
            flush();
        }
    }

    /** Writes what is buffered, as one transaction: one commit per batch, not per row. */
    public void flush() {
        transaction.executeWithoutResult(status -> write());
        respondents.clear();
        issues.clear();
    }

    private void write() {
        if (!respondents.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into respondent (export_id, row_no, study, segment, respondent_id, ended_at, weight, exclusion, answers)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", respondents, respondents.size(), (ps, r) -> {
                ps.setLong(1, exportId);
                ps.setLong(2, r.row());
                ps.setString(3, study);
                ps.setString(4, r.segment());
                ps.setString(5, ExportStore.shorten(r.respondentId(), 200));
                if (r.endedAt() == null) {
                    ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setTimestamp(6, Timestamp.from(r.endedAt()));
                }
                ps.setDouble(7, r.weight());
                ps.setString(8, r.exclusion() == null ? null : r.exclusion().name());
                ps.setString(9, AnswerCodes.encode(r.answers()));
            });
        }
        if (!issues.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into data_issue (export_id, row_no, column_name, question, value_read, reason)
                    values (?, ?, ?, ?, ?, ?)""", issues, issues.size(), (ps, i) -> {
                ps.setLong(1, exportId);
                ps.setLong(2, i.row());
                ps.setString(3, ExportStore.shorten(i.column(), 500));
                ps.setString(4, i.question());
                ps.setString(5, ExportStore.shorten(i.value(), 200));
                ps.setString(6, ExportStore.shorten(i.reason(), 500));
            });
        }
    }
}
