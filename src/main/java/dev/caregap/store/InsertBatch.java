package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch written with JDBC batch inserts: any database, the embedded H2 among them. A respondent is kept as its row
 * will be written (the answers in their stored form) and the rest of it let go as it is added: a batch lives through
 * many young collections of the heap, and a compact row is far less to carry through them than the respondent's
 * answers as objects.
 */
final class InsertBatch implements RespondentBatch {

    private record Row(long row, String segment, String respondentId, Timestamp endedAt, double weight,
                       String exclusion, String answers) {
    }

    private final JdbcTemplate jdbc;
    private final long exportId;
    private final String study;
    private final AnswerCodes codes;
    private final List<Row> rows = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();

    InsertBatch(JdbcTemplate jdbc, long exportId, String study, AnswerCodes codes) {
        this.jdbc = jdbc;
        this.exportId = exportId;
        this.study = study;
        this.codes = codes;
    }

    @Override
    public void add(Respondent respondent, List<Issue> respondentIssues) {
        rows.add(new Row(respondent.row(), respondent.segment(), ExportStore.shorten(respondent.respondentId(), 200),
                respondent.endedAt() == null ? null : Timestamp.from(respondent.endedAt()), respondent.weight(),
                respondent.exclusion() == null ? null : respondent.exclusion().name(), codes.encode(respondent.answers())));
        issues.addAll(respondentIssues);
    }

    @Override
    public int rows() {
        return rows.size();
    }

    @Override
    public void clear() {
        rows.clear();
        issues.clear();
    }

    @Override
    public void write() {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into " + RespondentRows.RESPONDENT_COLUMNS + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows, rows.size(), (ps, r) -> {
                        ps.setLong(1, RespondentKey.of(exportId, r.row()));
                        ps.setLong(2, exportId);
                        ps.setLong(3, r.row());
                        ps.setString(4, study);
                        ps.setString(5, r.segment());
                        ps.setString(6, r.respondentId());
                        if (r.endedAt() == null) {
                            ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
                        } else {
                            ps.setTimestamp(7, r.endedAt());
                        }
                        ps.setDouble(8, r.weight());
                        ps.setString(9, r.exclusion());
                        ps.setString(10, r.answers());
                    });
        }
        if (!issues.isEmpty()) {
            jdbc.batchUpdate("insert into " + RespondentRows.ISSUE_COLUMNS + " values (?, ?, ?, ?, ?, ?)",
                    issues, issues.size(), (ps, i) -> {
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
