package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * A batch written with PostgreSQL's COPY FROM STDIN (pgjdbc's CopyManager), several times faster than inserts: rows are
 * kept as COPY text (RespondentRows, UTF-8, the connection's client encoding), a few hundred bytes each, and sent
 * on the connection of the caller's transaction, so a batch commits or rolls back like any other write.
 */
final class CopyBatch implements RespondentBatch {

    private final JdbcTemplate jdbc;
    private final long exportId;
    private final String study;
    private final AnswerCodes codes;
    private final Bytes respondents = new Bytes();
    private final Bytes issues = new Bytes();
    private final StringBuilder line = new StringBuilder(512);
    private int rows;

    CopyBatch(JdbcTemplate jdbc, long exportId, String study, AnswerCodes codes) {
        this.jdbc = jdbc;
        this.exportId = exportId;
        this.study = study;
        this.codes = codes;
    }

    @Override
    public void add(Respondent respondent, List<Issue> respondentIssues) {
        line.setLength(0);
        RespondentRows.respondent(exportId, study, codes, respondent, line);
        respondents.append(line);
        for (Issue issue : respondentIssues) {
            line.setLength(0);
            RespondentRows.issue(exportId, issue, line);
            issues.append(line);
        }
        rows++;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void clear() {
        respondents.reset();
        issues.reset();
        rows = 0;
    }

    @Override
    public void write() {
        // the JdbcTemplate hands out the connection bound to the current Spring transaction
        jdbc.execute((ConnectionCallback<Void>) con -> {
            CopyManager copy = con.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, RespondentRows.RESPONDENT_COLUMNS, respondents);
            copy(copy, RespondentRows.ISSUE_COLUMNS, issues);
            return null;
        });
    }

    /** Copies rows of COPY text (see RespondentRows) into {@code columns}, in the current transaction. */
    static void copy(JdbcTemplate jdbc, String columns, CharSequence rows) {
        Bytes bytes = new Bytes();
        bytes.append(rows);
        jdbc.execute((ConnectionCallback<Void>) con -> {
            copy(con.unwrap(PGConnection.class).getCopyAPI(), columns, bytes);
            return null;
        });
    }

    private static void copy(CopyManager copy, String columns, Bytes rows) throws SQLException {
        if (rows.size() == 0) {
            return;
        }
        try {
            // copyIn cancels the COPY when it fails half-way, leaving the connection usable for the rollback
            copy.copyIn("copy " + columns + " from stdin", rows.in());
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // reading bytes in memory: does not happen
        }
    }

    /** A byte buffer read back in place, without the copy toByteArray makes. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(1 << 16);
        }

        void append(CharSequence text) {
            writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        InputStream in() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
