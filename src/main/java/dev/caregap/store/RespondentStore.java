package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.IssueSource;
import dev.caregap.run.ResponseSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.List;

/** Respondents and their answers: written in batches as an export streams in, read back as a stream. */
@Component
public class RespondentStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;
    private final int batchRows;
    private volatile Boolean postgres;

    /** @param batchRows respondents written per transaction while an export is read (caregap.store.batch-rows) */
    public RespondentStore(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           @Value("${caregap.store.batch-rows:10000}") int batchRows) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("caregap.store.batch-rows must be at least 1, not " + batchRows);
        }
        this.jdbc = jdbc;
        this.batchRows = batchRows;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readWrite = new TransactionTemplate(transactions);
    }

    /**
     * A writer for one export's respondents: flush it when the export is read to the end, and close it whatever
     * happens (it writes on a thread of its own, see RespondentWriter).
     */
    public RespondentWriter writer(long exportId, String study) {
        return new RespondentWriter(readWrite, batch(exportId, study), batch(exportId, study), batchRows,
                "store-export-" + exportId);
    }

    private RespondentBatch batch(long exportId, String study) {
        return postgres() ? new CopyBatch(jdbc, exportId, study) : new InsertBatch(jdbc, exportId, study);
    }

    /** Whether the store is PostgreSQL, which loads rows with COPY; asked once. */
    private boolean postgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) con -> con.isWrapperFor(PGConnection.class));
        }
        return postgres;
    }

    /**
     * Removes what a rejected, half-read or interrupted export had stored, so nothing of it counts. Rows go a page
     * at a time, each page its own short transaction, so removing a big export never holds many rows locked.
     * Should the export have been ingested already, the identities it shared with other respondents are settled
     * again as its rows go (each identity after its last removed row), so no response stays a duplicate of a
     * removed one.
     */
    public void deleteExport(long exportId) {
        List<String> ingestedIn = jdbc.queryForList("select study from survey_export where id = ? and status = 'INGESTED'",
                String.class, exportId);
        jdbc.update("delete from data_issue where export_id = ?", exportId);
        jdbc.update("delete from export_tallies where export_id = ?", exportId);
        forEachPage(exportId, (from, to) -> {
            if (ingestedIn.isEmpty()) {
                deleteRows(exportId, from, to);
            } else {
                readWrite.executeWithoutResult(status -> {
                    List<Object[]> shared = sharedIdentities(ingestedIn.get(0), exportId, NO_EXPORT, from, to);
                    deleteRows(exportId, from, to);
                    settle(ingestedIn.get(0), NO_EXPORT, shared);
                });
            }
        });
    }

    private void deleteRows(long exportId, long from, long to) {
        jdbc.update("delete from respondent where export_id = ? and row_no >= ? and row_no < ?", exportId, from, to);
    }

    /** Rows of an export looked at per query when its duplicates are settled: bounds the memory it takes. */
    static final int SETTLE_ROWS = 5_000;
    /** No export's number: settling with no export about to join the ingested ones. */
    private static final long NO_EXPORT = -1;

    /**
     * Settles duplicates (docs/analysis-rules.md, 2.6) once {@code exportId} is ingested, over that export's
     * respondent ids only: among included respondents of ingested exports with the same id in the same segment,
     * the latest end timestamp counts (on a tie, the later row of the export ingested last); the others are
     * duplicates. Only the identities the new export shares with a stored respondent (or repeats itself) are
     * looked up and decided again, whole, through the identity index; every other identity keeps its decision,
     * since its respondents did not change. Exports join the ingested ones one at a time (rows of an export being
     * read or interrupted never count; a removed one is settled as it goes, see deleteExport), so the result equals
     * {@link #markDuplicates(String)} over the whole study. Call it in the transaction that marks the export
     * ingested, under the study's lock, before marking it: its rows count as ingested here already, and the
     * export's own row is locked only for the moment that transaction has left (its lease renewals never wait).
     */
    public void settleDuplicates(String study, long exportId) {
        forEachPage(exportId, (from, to) -> settle(study, exportId, sharedIdentities(study, exportId, exportId, from, to)));
    }

    /** Runs {@code page} over an export's row numbers in ranges [from, to) of SETTLE_ROWS, up to its last row. */
    private void forEachPage(long exportId, java.util.function.BiConsumer<Long, Long> page) {
        Long lastRow = jdbc.queryForObject("select max(row_no) from respondent where export_id = ?", Long.class, exportId);
        for (long from = 0; lastRow != null && from <= lastRow; from += SETTLE_ROWS) {
            page.accept(from, from + SETTLE_ROWS);
        }
    }

    /**
     * The identities (segment, respondent id) of an export's included rows in [from, to) that some other included
     * response of an ingested export (or of {@code joining}, about to be marked ingested) shares: the only ones
     * whose decision the export can change.
     */
    private List<Object[]> sharedIdentities(String study, long exportId, long joining, long from, long to) {
        return jdbc.query("""
                select distinct n.segment, n.respondent_id from respondent n
                where n.export_id = ? and n.row_no >= ? and n.row_no < ?
                  and n.exclusion is null and n.respondent_id is not null
                  and exists (
                      select 1 from respondent o join survey_export oe on oe.id = o.export_id
                      where o.study = ? and o.segment = n.segment and o.respondent_id = n.respondent_id
                        and o.exclusion is null and (oe.status = 'INGESTED' or oe.id = ?)
                        and (o.export_id <> n.export_id or o.row_no <> n.row_no))""",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2)}, exportId, from, to, study, joining);
    }

    /**
     * Decides every response of each identity again, as the whole-study rule would, counting the rows of
     * {@code joining} (about to be marked ingested) with those of ingested exports.
     */
    private void settle(String study, long joining, List<Object[]> identities) {
        if (!identities.isEmpty()) {
            // only rows that count: rows of an export being read or removed elsewhere never do, and leaving them
            // out keeps this update from waiting on the transaction that removes them
            jdbc.batchUpdate("update respondent set duplicate = " + BEATEN
                            + " where study = ? and segment = ? and respondent_id = ? and (export_id = ?"
                            + " or export_id in (select id from survey_export where study = ? and status = 'INGESTED'))",
                    identities.stream().map(key -> new Object[] {joining, study, key[0], key[1], joining, study}).toList());
        }
    }

    /**
     * Whether a row of {@code respondent} (of an export that counts) is a duplicate: included, and another included
     * response of its identity in an ingested export (or the export joining them, the parameter) counts instead
     * (later end, or on a tie the later row of the export ingested last).
     */
    private static final String BEATEN = """
            case when respondent.exclusion is null and respondent.respondent_id is not null
                  and exists (
                      select 1 from respondent n join survey_export ne on ne.id = n.export_id
                      where n.study = respondent.study and n.segment = respondent.segment
                        and n.respondent_id = respondent.respondent_id
                        and n.exclusion is null and (ne.status = 'INGESTED' or ne.id = ?)
                        and (n.ended_at > respondent.ended_at
                             or (n.ended_at is not null and respondent.ended_at is null)
                             or ((n.ended_at = respondent.ended_at or (n.ended_at is null and respondent.ended_at is null))
                                 and (n.export_id > respondent.export_id
                                      or (n.export_id = respondent.export_id and n.row_no > respondent.row_no)))))
                 then true else false end""";

    /**
     * Settles duplicates across the whole study from scratch (the same rule as {@link #settleDuplicates}, written
     * on its own): the reference the incremental settling is checked against.
     */
    public void markDuplicates(String study) {
        jdbc.update("update respondent set duplicate = false where study = ? and duplicate = true", study);
        jdbc.update("""
                update respondent set duplicate = true
                where study = ? and exclusion is null and respondent_id is not null
                  and export_id in (select id from survey_export where study = ? and status = 'INGESTED')
                  and exists (
                      select 1 from respondent n join survey_export ne on ne.id = n.export_id
                      where n.study = respondent.study and n.segment = respondent.segment
                        and n.respondent_id = respondent.respondent_id
                        and n.exclusion is null and ne.status = 'INGESTED'
                        and (n.ended_at > respondent.ended_at
                             or (n.ended_at is not null and respondent.ended_at is null)
                             or ((n.ended_at = respondent.ended_at or (n.ended_at is null and respondent.ended_at is null))
                                 and (n.export_id > respondent.export_id
                                      or (n.export_id = respondent.export_id and n.row_no > respondent.row_no)))))""",
                study, study);
    }

    /**
     * The included respondents of a study (not excluded, not duplicate) from its exports up to {@code lastExport},
     * streamed in export and row order.
     */
    public ResponseSource included(String study, long lastExport) {
        return consumer -> stream("""
                select r.row_no, r.segment, r.respondent_id, r.ended_at, r.weight, e.file_name, r.answers
                from respondent r join survey_export e on e.id = r.export_id
                where r.study = ? and e.status = 'INGESTED' and r.exclusion is null and r.duplicate = false
                  and r.export_id <= ?
                order by r.export_id, r.row_no""", rs -> consumer.accept(rs.getString(6), respondent(rs)), study, lastExport);
    }

    /**
     * The respondents an export counted when it was read: every included one, duplicate or not (what its
     * tallies hold), in row order.
     */
    public ResponseSource countedIn(long exportId) {
        return consumer -> stream("""
                select r.row_no, r.segment, r.respondent_id, r.ended_at, r.weight, e.file_name, r.answers
                from respondent r join survey_export e on e.id = r.export_id
                where r.export_id = ? and r.exclusion is null
                order by r.row_no""", rs -> consumer.accept(rs.getString(6), respondent(rs)), exportId);
    }

    /**
     * The included respondents of a study's ingested exports up to {@code lastExport} that are duplicates now: what a
     * run takes off the sum of those exports' tallies. Only these rows are read, through the duplicate index.
     */
    public ResponseSource duplicates(String study, long lastExport) {
        return consumer -> stream("""
                select r.row_no, r.segment, r.respondent_id, r.ended_at, r.weight, e.file_name, r.answers
                from respondent r join survey_export e on e.id = r.export_id
                where r.study = ? and r.duplicate = true and r.export_id <= ?
                  and e.status = 'INGESTED' and r.exclusion is null""",
                rs -> consumer.accept(rs.getString(6), respondent(rs)), study, lastExport);
    }

    /** An included respondent from the columns row_no, segment, respondent_id, ended_at, weight, (file), answers. */
    private static Respondent respondent(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp ended = rs.getTimestamp(4);
        return new Respondent(rs.getLong(1), rs.getString(3), rs.getString(2), ended == null ? null : ended.toInstant(),
                rs.getDouble(5), null, AnswerCodes.decode(rs.getString(7)));
    }

    /** The values set missing or corrected in a study's exports up to {@code lastExport}, in file and row order. */
    public IssueSource issues(String study, long lastExport) {
        return consumer -> stream("""
                select e.file_name, i.row_no, i.column_name, i.question, i.value_read, i.reason
                from data_issue i join survey_export e on e.id = i.export_id
                where e.study = ? and e.status = 'INGESTED' and e.id <= ?
                order by i.export_id, i.row_no""", rs -> consumer.accept(rs.getString(1),
                new Issue(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))),
                study, lastExport);
    }

    /**
     * Runs a query, handing on each row as it comes: inside a read-only transaction with a fetch size, so PostgreSQL
     * streams through a cursor instead of loading every row.
     */
    private void stream(String sql, RowCallbackHandler row, Object... parameters) {
        readOnly.executeWithoutResult(status -> jdbc.query(con -> {
            var ps = con.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.setFetchSize(5_000);
            return ps;
        }, row));
    }
}
