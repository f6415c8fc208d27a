package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of an export's respondents kept as the blocks they are written in (RespondentBlock), each respondent encoded
 * as it is added and the rest of it let go: a batch lives through many young collections of the heap, and bytes are
 * far less to carry through them than the respondent's answers as objects. Blocks go in with a batch of inserts on any
 * database (a batch is a few blocks); data issues with a batch of inserts, or with COPY on PostgreSQL.
 */
final class BlockBatch implements RespondentBatch {

    private record Block(long firstRow, long lastRow, int respondents, byte[] rows) {
    }

    private final JdbcTemplate jdbc;
    private final long exportId;
    private final String study;
    private final AnswerCodes codes;
    private final boolean copyIssues;
    private final RespondentBlock.Builder filling = new RespondentBlock.Builder();
    private final List<Block> blocks = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    private int rows;

    /** @param copyIssues whether data issues go in with PostgreSQL's COPY */
    BlockBatch(JdbcTemplate jdbc, long exportId, String study, AnswerCodes codes, boolean copyIssues) {
        this.jdbc = jdbc;
        this.exportId = exportId;
        this.study = study;
        this.codes = codes;
        this.copyIssues = copyIssues;
    }

    @Override
    public void add(Respondent r, List<Issue> respondentIssues) {
        if (!filling.takes(r.row())) {
            endBlock();
        }
        filling.add(new RespondentBlock.Row(r.row(), r.segment(), ExportStore.shorten(r.respondentId(), 200), r.endedAt(),
                r.weight(), r.exclusion() == null ? null : r.exclusion().name(), codes.encode(r.answers())));
        issues.addAll(respondentIssues);
        rows++;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void clear() {
        filling.clear();
        blocks.clear();
        issues.clear();
        rows = 0;
    }

    @Override
    public void write() {
        endBlock();  // a block never spans two batches: each batch is a transaction of its own
        if (!blocks.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into respondent_block (block_key, export_id, study, first_row, last_row, respondents, encoded)
                    values (?, ?, ?, ?, ?, ?, ?)""", blocks, blocks.size(), (ps, b) -> {
                ps.setLong(1, RespondentKey.of(exportId, b.firstRow()));
                ps.setLong(2, exportId);
                ps.setString(3, study);
                ps.setLong(4, b.firstRow());
                ps.setLong(5, b.lastRow());
                ps.setInt(6, b.respondents());
                ps.setBytes(7, b.rows());
            });
        }
        if (issues.isEmpty()) {
            return;
        }
        if (copyIssues) {
            StringBuilder text = new StringBuilder(issues.size() * 96);
            issues.forEach(issue -> RespondentRows.issue(exportId, issue, text));
            CopyText.copy(jdbc, RespondentRows.ISSUE_COLUMNS, text);
            return;
        }
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

    private void endBlock() {
        if (filling.count() > 0) {
            blocks.add(new Block(filling.firstRow(), filling.lastRow(), filling.count(), filling.bytes()));
            filling.clear();
        }
    }
}
