package dev.caregap.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages of the mail drop, the attachments each held and what became of them, the lease of the one
 * instance that polls the mailbox, and which messages are due a receipt.
 */
@Component
public class MailMessageStore {

    public static final String READING = "READING";
    public static final String DONE = "DONE";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";
    public static final String QUARANTINED = "QUARANTINED";

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REPEAT = "REPEAT";

    /** The poller row's constant status, for the heartbeat's renewals. */
    static final String POLLING = "POLLING";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public MailMessageStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Takes (or keeps) the poller's lease for {@code owner} until {@code leaseUntil}; false while another instance
     * holds a lease that has not run out.
     */
    public boolean claimPoller(String owner, Instant now, Instant leaseUntil) {
        return jdbc.update("""
                update mail_poller set owner = ?, lease_until = ?
                where id = 1 and (owner = ? or owner is null or lease_until is null or lease_until < ?)""",
                owner, Timestamp.from(leaseUntil), owner, Timestamp.from(now)) == 1;
    }

    /** The envelope of a message as recorded: who sent it, about what, its Message-ID and when it was received. */
    public record Envelope(String sender, String subject, String messageId, Instant receivedAt) {
    }

    /**
     * A message as found by its key: its number, its status, and whether this call registered it.
     */
    public record Seen(long id, String status, boolean isNew) {
        public boolean finished() {
            return !READING.equals(status);
        }
    }

    /**
     * Registers a message with {@code status} under its unique key, or finds the one already registered under it
     * (delivered twice, or seen again after a stop).
     */
    public Seen register(String key, Envelope envelope, String status, String reason, Instant now) {
        try {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        insert into mail_message (message_key, sender, subject, message_id, received_at, status, reason,
                                                  first_seen_at, finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
                ps.setString(1, key);
                ps.setString(2, ExportStore.shorten(envelope.sender(), 500));
                ps.setString(3, ExportStore.shorten(envelope.subject(), 1000));
                ps.setString(4, ExportStore.shorten(envelope.messageId(), 1000));
                ps.setTimestamp(5, envelope.receivedAt() == null ? null : Timestamp.from(envelope.receivedAt()));
                ps.setString(6, status);
                ps.setString(7, ExportStore.shorten(reason, 4000));
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setTimestamp(9, READING.equals(status) ? null : Timestamp.from(now));
                return ps;
            }, keys);
            return new Seen(((Number) keys.getKeys().values().iterator().next()).longValue(), status, true);
        } catch (DuplicateKeyException e) {
            return jdbc.queryForObject("select id, status from mail_message where message_key = ?",
                    (rs, i) -> new Seen(rs.getLong(1), rs.getString(2), false), key);
        }
    }

    /** Forgets what an interrupted attempt recorded of a message's attachments: they are read again. */
    public void forgetAttachments(long messageId) {
        jdbc.update("delete from mail_attachment where mail_message_id = ?", messageId);
    }

    /** Records what became of one attachment (or archive entry) of a message. */
    public void attachment(long messageId, int position, String name, String status, Long exportId, String reason) {
        jdbc.update("""
                insert into mail_attachment (mail_message_id, position, name, status, export_id, reason)
                values (?, ?, ?, ?, ?, ?)""", messageId, position, ExportStore.shorten(name, 500), status, exportId,
                ExportStore.shorten(reason, 4000));
    }

    /** Marks a message finished (DONE, REJECTED or FAILED) with its reason; false when it was finished already. */
    public boolean finish(long messageId, String status, String reason, Instant now) {
        return jdbc.update("update mail_message set status = ?, reason = ?, finished_at = ? where id = ? and status = ?",
                status, ExportStore.shorten(reason, 4000), Timestamp.from(now), messageId, READING) == 1;
    }

    /**
     * The export that already holds {@code exportId}'s content when that export came from the very attachment at
     * {@code source} (an earlier attempt at the same message, stopped before the message was done): the attachment
     * is then accepted, not a repeat. Empty otherwise.
     */
    public Optional<Long> sameAttachmentIngested(long repeatExportId, String source) {
        return jdbc.queryForList("""
                select o.id from survey_export r join survey_export o on o.id = r.repeat_of
                where r.id = ? and o.source = r.source and r.source = ?""", Long.class, repeatExportId,
                ExportStore.shorten(source, 500)).stream().findFirst();
    }

    /** Messages read (or refused) whose receipt is not queued yet, oldest first. */
    public List<Long> awaitingReceipt() {
        return jdbc.queryForList("""
                select id from mail_message where status in (?, ?, ?) and receipt_queued_at is null order by id""",
                Long.class, DONE, REJECTED, FAILED);
    }

    /**
     * The run whose figures hold every export the message brought, once each of them is covered by a computed
     * run; null when the message brought none. Empty while one is still waiting for its run.
     */
    public Optional<Optional<Long>> coveringRun(long messageId) {
        // An export is covered by the first computed run whose run_export holds it, not by the first whose
        // last_export reaches its id: a run claimed while an older export was still being read skips that export.
        List<Long> covering = jdbc.query("""
                select (select min(x.run_id) from run_export x join study_run r on r.id = x.run_id
                        where x.export_id = e.id and r.status in (?, ?))
                from mail_attachment a join survey_export e on e.id = a.export_id
                where a.mail_message_id = ? and a.status = ?""",
                (rs, i) -> (Long) rs.getObject(1, Long.class), RunStore.COMPUTED, RunStore.DELIVERED, messageId, ACCEPTED);
        if (covering.stream().anyMatch(java.util.Objects::isNull)) {
            return Optional.empty();
        }
        return Optional.of(covering.stream().max(Long::compare));
    }

    /** When a message was finished. */
    public Instant finishedAt(long messageId) {
        return jdbc.queryForObject("select finished_at from mail_message where id = ?",
                (rs, i) -> instant(rs, 1), messageId);
    }

    /**
     * Queues a message's receipt: marks it queued (naming its run) and adds its outbox row, in one transaction;
     * false when another instance queued it first.
     */
    public boolean queueReceipt(long messageId, Long runId, String deliverable, Instant now) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int marked = jdbc.update("""
                    update mail_message set receipt_queued_at = ?, receipt_run_id = ? where id = ? and receipt_queued_at is null""",
                    Timestamp.from(now), runId, messageId);
            if (marked == 0) {
                return false;
            }
            String sender = jdbc.queryForObject("select sender from mail_message where id = ?", String.class, messageId);
            jdbc.update("""
                    insert into delivery (mail_message_id, deliverable, recipient, status, next_attempt_at, created_at)
                    values (?, ?, ?, ?, ?, ?)""", messageId, deliverable, sender, DeliveryStore.PENDING,
                    Timestamp.from(now), Timestamp.from(now));
            return true;
        }));
    }

    // ------------------------------------------------------------------------------------------------ receipts

    /** A message as its receipt tells it. */
    public record Receipt(long id, String sender, String subject, String messageId, Instant receivedAt, String status,
                          String reason, Long runId, String runStudy, List<Attachment> attachments) {
    }

    /**
     * One attachment as its receipt tells it: for an accepted one its export's counts (as its run counted them,
     * else as they stand) and its first issues.
     */
    public record Attachment(int position, String name, String status, Long exportId, String reason, String study,
                             long rowsRead, long included, long incomplete, long ineligible, long duplicate,
                             long noSegment, long issues, List<String> firstIssues) {
    }

    public Receipt receipt(long messageId, int firstIssues) {
        return jdbc.queryForObject("""
                select m.id, m.sender, m.subject, m.message_id, m.received_at, m.status, m.reason, m.receipt_run_id, r.study
                from mail_message m left join study_run r on r.id = m.receipt_run_id where m.id = ?""",
                (rs, i) -> new Receipt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        rs.getString(6), rs.getString(7), (Long) rs.getObject(8, Long.class), rs.getString(9),
                        attachments(messageId, (Long) rs.getObject(8, Long.class), firstIssues)), messageId);
    }

    private List<Attachment> attachments(long messageId, Long runId, int firstIssues) {
        return jdbc.query("""
                select a.position, a.name, a.status, a.export_id, a.reason, e.study, coalesce(e.rows_read, 0),
                       coalesce(x.included, e.counted_included
                                            - (select count(*) from respondent_duplicate d where d.export_id = a.export_id), 0),
                       coalesce(x.incomplete, e.counted_incomplete, 0),
                       coalesce(x.ineligible, e.counted_ineligible, 0),
                       coalesce(x.duplicate, (select count(*) from respondent_duplicate d where d.export_id = a.export_id)),
                       coalesce(x.no_segment, e.counted_no_segment, 0),
                       (select count(*) from data_issue i where i.export_id = a.export_id)
                from mail_attachment a
                left join survey_export e on e.id = a.export_id and a.status = 'ACCEPTED'
                left join run_export x on x.export_id = a.export_id and x.run_id = ?
                where a.mail_message_id = ? order by a.position""",
                (rs, i) -> {
                    String status = rs.getString(3);
                    Long exportId = (Long) rs.getObject(4, Long.class);
                    boolean accepted = ACCEPTED.equals(status);
                    return new Attachment(rs.getInt(1), rs.getString(2), status, exportId, rs.getString(5), rs.getString(6),
                            rs.getLong(7), accepted ? rs.getLong(8) : 0, accepted ? rs.getLong(9) : 0,
                            accepted ? rs.getLong(10) : 0, accepted ? rs.getLong(11) : 0, accepted ? rs.getLong(12) : 0,
                            accepted ? rs.getLong(13) : 0,
                            accepted && exportId != null ? firstIssues(exportId, firstIssues) : List.of());
                }, runId, messageId);
    }

    /** The first issues of an export, as "row N, column C: reason" (never the value read). */
    private List<String> firstIssues(long exportId, int count) {
        return jdbc.query("""
                select row_no, column_name, reason from data_issue where export_id = ? order by row_no, column_name
                fetch first %d rows only""".formatted(count),
                (rs, i) -> "row " + rs.getLong(1) + ", column " + rs.getString(2) + ": " + rs.getString(3), exportId);
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp at = rs.getTimestamp(index);
        return at == null ? null : at.toInstant();
    }
}
