package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.run.IssueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The values set missing or corrected as exports were read (data_issue), read back for a run's files. */
@Component
public class DataIssueStore {

    /** Rows PostgreSQL hands over per round trip through its cursor. */
    private static final int FETCH = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public DataIssueStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The values set missing or corrected in the exports a run covers (its run_export, as its figures and
     * data-quality.csv have them), in file and row order: streamed inside a read-only transaction with a fetch size,
     * so PostgreSQL reads them through a cursor instead of loading every row.
     */
    public IssueSource issues(long runId) {
        return consumer -> readOnly.executeWithoutResult(status -> jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select e.file_name, i.row_no, i.column_name, i.question, i.value_read, i.reason
                    from data_issue i join run_export x on x.export_id = i.export_id
                    join survey_export e on e.id = i.export_id
                    where x.run_id = ?
                    order by i.export_id, i.row_no""");
            ps.setLong(1, runId);
            ps.setFetchSize(FETCH);
            return ps;
        }, rs -> {
            consumer.accept(rs.getString(1),
                    new Issue(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }));
    }
}
