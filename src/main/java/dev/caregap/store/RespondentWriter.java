package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one export's respondents, answers and issues in JDBC batches, so an export of any size is stored
 * with a bounded buffer.
 */
public final class RespondentWriter {

    static final int BATCH = 2_000;
    private static final int MAX_TEXT = 20_000;

    private final JdbcTemplate jdbc;
    private final long exportId;
    private final String study;
    private final List<Respondent> respondents = new ArrayList<>(BATCH);
    private final List<Answer> answers = new ArrayList<>(BATCH * 16);
    private final List<Long> answerRows = new ArrayList<>(BATCH * 16);
    private final List<Issue> issues = new ArrayList<>();
    private long written;

    RespondentWriter(JdbcTemplate jdbc, long exportId, String study) {
        this.jdbc = jdbc;
        this.exportId = exportId;
        this.study = study;
    }

    public void add(Respondent respondent, List<Issue> respondentIssues) {
        respondents.add(respondent);
        for (Answer answer : respondent.answers()) {
            answers.add(answer);
            answerRows.add(respondent.row());
        }
        issues.addAll(respondentIssues);
        if (respondents.size() >= BATCH) {
            flush();
        }
    }

    public long written() {
        return written + respondents.size();
    }

    public void flush() {
        if (!respondents.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into respondent (export_id, row_no, study, segment, respondent_id, ended_at, weight, exclusion)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", respondents, respondents.size(), (ps, r) -> {
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
            });
        }
        if (!answers.isEmpty()) {
            int[] index = {0};
            jdbc.batchUpdate("insert into answer (export_id, row_no, question, choice, answer_text) values (?, ?, ?, ?, ?)",
                    answers, answers.size(), (ps, a) -> {
                        ps.setLong(1, exportId);
                        ps.setLong(2, answerRows.get(index[0]++));
                        ps.setString(3, a.question());
                        ps.setInt(4, a.choice());
                        ps.setString(5, ExportStore.shorten(a.text(), MAX_TEXT));
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
        written += respondents.size();
        respondents.clear();
        answers.clear();
        answerRows.clear();
        issues.clear();
    }
}
