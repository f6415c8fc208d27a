package dev.caregap.store;

import dev.caregap.read.Arrival;
import dev.caregap.quality.ExportCount;
import dev.caregap.quality.ExportQuality;
import dev.caregap.quality.IssueCount;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The register of exports: every file that arrived, its provenance and what became of it. */
@Component
public class ExportStore {

    public static final String READING = "READING";
    public static final String INGESTED = "INGESTED";
    public static final String REJECTED = "REJECTED";
    public static final String REPEAT = "REPEAT";
    public static final String INTERRUPTED = "INTERRUPTED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    /** One of its own even when called inside another transaction. */
    private final TransactionTemplate freshTransaction;

    public ExportStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.freshTransaction = new TransactionTemplate(transactions);
        freshTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Claims an arrival's content for reading: registers the export as READING, owned by {@code owner} until
     * {@code leaseUntil}, and takes the content's unique key in the same transaction. When another export holds
     * that key, nothing is registered and that export is returned instead.
     */
    public ContentClaim claim(Arrival arrival, String owner, Instant leaseUntil) {
        try {
            return transaction.execute(status -> {
                long id = register(arrival, READING, null, null, owner, leaseUntil);
                jdbc.update("insert into export_content (content_hash, export_id) values (?, ?)", arrival.contentHash(), id);
                return new ContentClaim(id, null, null, null, null);
            });
        } catch (DuplicateKeyException e) {
            List<ContentClaim> holder = jdbc.query("""
                    select e.id, e.status, e.owner, e.lease_until from export_content c join survey_export e on e.id = c.export_id
                    where c.content_hash = ?""", (rs, i) -> new ContentClaim(null, rs.getLong(1), rs.getString(2),
                    rs.getString(3), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()), arrival.contentHash());
            // the holder may have given the content up in between: then there is nothing to report, try again
            return holder.isEmpty() ? new ContentClaim(null, null, null, null, null) : holder.get(0);
        }
    }

    /**
     * What claiming a content found.
     *
     * @param claimed     the new export's number when the content was free
     * @param heldBy      else the export that holds it
     * @param holderState that export's status (READING or INGESTED)
     * @param holderOwner the instance reading it (READING)
     * @param holderLease until when its reader holds it (READING)
     */
    public record ContentClaim(Long claimed, Long heldBy, String holderState, String holderOwner, Instant holderLease) {
        public boolean free() {
            return claimed == null && heldBy == null;
        }
    }

    /** Records an arrival that needs no reading: a repeat of {@code repeatOf}. */
    public long registerRepeat(Arrival arrival, long repeatOf, String reason) {
        return register(arrival, REPEAT, repeatOf, reason, null, null);
    }

    private long register(Arrival arrival, String status, Long repeatOf, String reason, String owner, Instant leaseUntil) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    insert into survey_export (file_name, source, content_hash, size_bytes, received_at, status,
                                               repeat_of, reason, finished_at, owner, lease_until)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setString(1, shorten(arrival.fileName(), 500));
            ps.setString(2, shorten(arrival.source(), 500));
            ps.setString(3, arrival.contentHash());
            ps.setLong(4, arrival.sizeBytes());
            ps.setTimestamp(5, Timestamp.from(arrival.receivedAt()));
            ps.setString(6, status);
            ps.setObject(7, repeatOf);
            ps.setString(8, shorten(reason, 4000));
            ps.setTimestamp(9, READING.equals(status) ? null : Timestamp.from(Instant.now()));
            ps.setString(10, owner);
            ps.setTimestamp(11, leaseUntil == null ? null : Timestamp.from(leaseUntil));
            return ps;
        }, keys);
        return keys.getKeyAs(Number.class) != null ? keys.getKeyAs(Number.class).longValue()
                : ((Number) keys.getKeys().values().iterator().next()).longValue();
    }

    /**
     * Marks an export read by {@code owner} as ingested, with its identities pending: still {@code owner}'s until
     * {@code leaseUntil}, to write them into respondent_identity (RespondentStore.writeIdentities). False when its
     * claim was lost (its lease ran out and another instance took it over), in which case nothing changes. Call it
     * inside the transaction that settles the study's duplicates.
     */
    public boolean markIngested(long exportId, String owner, Instant leaseUntil, String study, String layout, String format,
                                String segments, ExportCount counted) {
        return jdbc.update("""
                update survey_export set status = ?, study = ?, layout = ?, file_format = ?, segments = ?, rows_read = ?,
                       counted_included = ?, counted_incomplete = ?, counted_ineligible = ?, counted_no_segment = ?,
                       finished_at = ?, identities_pending = true, lease_until = ?
                where id = ? and owner = ? and status = ?""",
                INGESTED, study, layout, shorten(format, 100), segments, counted.rows(), counted.included(),
                counted.incomplete(), counted.ineligible(), counted.noSegment(), Timestamp.from(Instant.now()),
                Timestamp.from(leaseUntil), exportId, owner, READING) == 1;
    }

    /**
     * Ingested exports whose identities are pending and whose lease ran out before {@code now}: the instance that
     * was writing them stopped.
     */
    public List<Long> abandonedIdentities(Instant now) {
        return jdbc.queryForList("""
                select id from survey_export where identities_pending and (lease_until is null or lease_until < ?) order by id""",
                Long.class, Timestamp.from(now));
    }

    /**
     * Claims an export whose identities were abandoned for {@code owner} until {@code leaseUntil}, to write them again
     * from its rows; false when they were not abandoned after all (written, or renewed meanwhile).
     */
    public boolean claimIdentities(long exportId, String owner, Instant leaseUntil, Instant expiredBefore) {
        return jdbc.update("""
                update survey_export set owner = ?, lease_until = ?
                where id = ? and identities_pending and (lease_until is null or lease_until < ?)""",
                owner, Timestamp.from(leaseUntil), exportId, Timestamp.from(expiredBefore)) == 1;
    }

    /** Whether {@code owner} is still reading an export: false once another instance took it over. */
    public boolean reading(long exportId, String owner) {
        return jdbc.queryForObject("select count(*) from survey_export where id = ? and owner = ? and status = ?",
                Integer.class, exportId, owner, READING) == 1;
    }

    /**
     * Marks an export {@code owner} is reading rejected and gives its content up, so a corrected drop of it is read
     * again. False when its claim was lost (another instance took it over), in which case nothing changes: the
     * instance that took it over owns what becomes of it.
     */
    public boolean markRejected(long exportId, String owner, String reason) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int marked = jdbc.update("""
                    update survey_export set status = ?, reason = ?, finished_at = ?, lease_until = null
                    where id = ? and owner = ? and status = ?""",
                    REJECTED, shorten(reason, 4000), Timestamp.from(Instant.now()), exportId, owner, READING);
            if (marked == 0) {
                return false;
            }
            jdbc.update("delete from export_content where export_id = ?", exportId);
            return true;
        }));
    }


    /** Exports being read whose reader stopped renewing its lease before {@code now}. */
    public List<Long> abandoned(Instant now) {
        return jdbc.queryForList("select id from survey_export where status = ? and (lease_until is null or lease_until < ?) order by id",
                Long.class, READING, Timestamp.from(now));
    }

    /**
     * Takes over an abandoned export: marks it INTERRUPTED and gives its content up in one short transaction;
     * false when it was not abandoned after all (finished, or renewed meanwhile). An export counts as abandoned
     * when its lease ran out before {@code expiredBefore}. The caller removes its rows after this commit
     * (RespondentStore.deleteExport), so removing a big export never holds the export's row locked, and rows of an
     * INTERRUPTED export never count, even if a stop leaves some behind.
     */
    public boolean interrupt(long exportId, String takenOverBy, Instant expiredBefore, String reason) {
        Instant now = Instant.now();
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int claimed = jdbc.update("""
                    update survey_export set status = ?, owner = ?, reason = ?, finished_at = ?, lease_until = null
                    where id = ? and status = ? and (lease_until is null or lease_until < ?)""",
                    INTERRUPTED, takenOverBy, shorten(reason, 4000), Timestamp.from(now), exportId, READING,
                    Timestamp.from(expiredBefore));
            if (claimed == 0) {
                return false;
            }
            jdbc.update("delete from export_content where export_id = ?", exportId);
            return true;
        }));
    }

    /**
     * Whether an export is ingested, asked in a transaction of its own: how an ingest whose commit threw (its answer
     * lost on the way back) learns whether that commit happened.
     */
    public boolean ingested(long exportId) {
        return Boolean.TRUE.equals(freshTransaction.execute(status -> INGESTED.equals(jdbc.queryForObject(
                "select status from survey_export where id = ?", String.class, exportId))));
    }

    /** The name an export arrived under. */
    public String fileName(long exportId) {
        return jdbc.queryForObject("select file_name from survey_export where id = ?", String.class, exportId);
    }

    /** The newest ingested export of a study, 0 when there is none. */
    public long lastIngested(String study) {
        Long last = jdbc.queryForObject("select max(id) from survey_export where study = ? and status = ?",
                Long.class, study, INGESTED);
        return last == null ? 0 : last;
    }

    /**
     * The data-quality account of every ingested export of a study up to {@code lastExport}, oldest first, as
     * it stands now: what a run records when it computes its figures. An export's counts are those kept when it
     * was read, less its respondents that are duplicates now (read from respondent_duplicate).
     */
    public List<ExportQuality> quality(String study, long lastExport) {
        return quality("""
                select e.id, e.file_name, e.source, e.received_at, e.layout, e.rows_read,
                       e.counted_included - count(d.row_no), e.counted_incomplete, e.counted_ineligible,
                       count(d.row_no), e.counted_no_segment
                from survey_export e
                left join respondent_duplicate d on d.export_id = e.id
                where e.study = ? and e.status = 'INGESTED' and e.id <= ?
                group by e.id, e.file_name, e.source, e.received_at, e.layout, e.rows_read, e.counted_included,
                         e.counted_incomplete, e.counted_ineligible, e.counted_no_segment
                order by 1""", new Object[] {study, lastExport}, """
                select i.export_id, i.column_name, i.question, i.reason, count(*)
                from data_issue i join survey_export e on e.id = i.export_id
                where e.study = ? and e.status = 'INGESTED' and e.id <= ?
                group by i.export_id, i.column_name, i.question, i.reason
                order by i.export_id, count(*) desc, i.column_name""", """
                select a.export_id, m.sender, m.subject, m.message_id, m.received_at, a.name
                from mail_attachment a join mail_message m on m.id = a.mail_message_id
                join survey_export e on e.id = a.export_id
                where e.study = ? and e.status = 'INGESTED' and e.id <= ? and a.status = 'ACCEPTED'""", study, lastExport);
    }

    /** The data-quality account a run recorded (see RunStore.computed), oldest export first. */
    public List<ExportQuality> qualityOfRun(long runId) {
        return quality("""
                select e.id, e.file_name, e.source, e.received_at, e.layout, e.rows_read,
                       x.included, x.incomplete, x.ineligible, x.duplicate, x.no_segment
                from run_export x join survey_export e on e.id = x.export_id
                where x.run_id = ?
                order by e.id""", new Object[] {runId}, """
                select i.export_id, i.column_name, i.question, i.reason, count(*)
                from data_issue i join run_export x on x.export_id = i.export_id
                where x.run_id = ?
                group by i.export_id, i.column_name, i.question, i.reason
                order by i.export_id, count(*) desc, i.column_name""", """
                select a.export_id, m.sender, m.subject, m.message_id, m.received_at, a.name
                from mail_attachment a join mail_message m on m.id = a.mail_message_id
                join run_export x on x.export_id = a.export_id
                where x.run_id = ? and a.status = 'ACCEPTED'""", runId);
    }

    /**
     * Runs an export-counts query, an issue-counts query and a mail-provenance query (these two with the same
     * parameters) into data-quality accounts.
     */
    private List<ExportQuality> quality(String countsSql, Object[] countsParameters, String issuesSql, String provenanceSql,
                                        Object... parameters) {
        Map<Long, List<IssueCount>> issues = new HashMap<>();
        jdbc.query(issuesSql, rs -> {
            issues.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new IssueCount(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
        }, parameters);
        Map<Long, String> provenance = new HashMap<>();
        jdbc.query(provenanceSql, rs -> {
            provenance.putIfAbsent(rs.getLong(1), ExportQuality.mailed(rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)));
        }, parameters);
        return jdbc.query(countsSql, (rs, i) -> new ExportQuality(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10), rs.getLong(11), issues.getOrDefault(rs.getLong(1), List.of()),
                provenance.get(rs.getLong(1))), countsParameters);
    }

    static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
