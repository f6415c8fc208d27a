package dev.caregap.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: one row per (run, deliverable, recipient), made in the transaction that stores the run's figures,
 * claimed by one instance before the work and marked done after it; a failed attempt is retried later, and the
 * last one fails the row with its reason.
 */
@Component
public class DeliveryStore {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;

    public DeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a deliverable of a run, due now; call it in the transaction that records the run as computed. */
    public void add(long runId, String deliverable, String recipient, Instant now) {
        jdbc.update("""
                insert into delivery (run_id, deliverable, recipient, status, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?)""", runId, deliverable, recipient, PENDING, Timestamp.from(now), Timestamp.from(now));
    }

    /**
     * Deliveries due now and not held by a living owner, oldest first. A run's deliverables other than
     * {@code first} are due only once its {@code first} row is done: the run's results folder exists from then on,
     * and e-mails attach and copy into it, as the response files are added to it.
     */
    public List<Long> due(Instant now, String first) {
        Timestamp at = Timestamp.from(now);
        return jdbc.queryForList("""
                select d.id from delivery d
                where d.status = ? and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
                  and (d.run_id is null or d.deliverable = ? or exists (select 1 from delivery f
                       where f.run_id = d.run_id and f.deliverable = ? and f.status = ?))
                order by d.id""", Long.class, PENDING, at, at, first, first, DONE);
    }

    /**
     * Adds a deliverable of a run once: false when the row is there already (another instance, or an earlier
     * call, added it). Not for use inside a transaction that must go on after a duplicate (PostgreSQL aborts it).
     */
    public boolean addOnce(long runId, String deliverable, String recipient, Instant now) {
        try {
            add(runId, deliverable, recipient, now);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** True when the run has a row of this deliverable for the recipient, whatever its status. */
    public boolean has(long runId, String deliverable, String recipient) {
        Long n = jdbc.queryForObject("select count(*) from delivery where run_id = ? and deliverable = ? and recipient = ?",
                Long.class, runId, deliverable, recipient);
        return n != null && n > 0;
    }

    /** The newest run of the study a recipient has a row of this deliverable for; empty when none. */
    public Optional<Long> lastRun(String study, String deliverable, String recipient) {
        return jdbc.queryForList("""
                select max(d.run_id) from delivery d join study_run r on r.id = d.run_id
                where r.study = ? and d.deliverable = ? and d.recipient = ?""", Long.class, study, deliverable, recipient)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** True when a row of this deliverable for the recipient and study was added at or after {@code since}. */
    public boolean addedSince(String study, String deliverable, String recipient, Instant since) {
        Long n = jdbc.queryForObject("""
                select count(*) from delivery d join study_run r on r.id = d.run_id
                where r.study = ? and d.deliverable = ? and d.recipient = ? and d.created_at >= ?""", Long.class,
                study, deliverable, recipient, Timestamp.from(since));
        return n != null && n > 0;
    }

    /** Claims a due delivery for {@code owner} and counts the attempt; empty when another instance was first. */
    public Optional<Delivery> claim(long id, String owner, Instant now, Instant leaseUntil) {
        Timestamp at = Timestamp.from(now);
        int claimed = jdbc.update("""
                update delivery set owner = ?, lease_until = ?, attempts = attempts + 1
                where id = ? and status = ? and next_attempt_at <= ? and (lease_until is null or lease_until < ?)""",
                owner, Timestamp.from(leaseUntil), id, PENDING, at, at);
        if (claimed == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForObject(
                "select id, run_id, deliverable, recipient, attempts, mail_message_id from delivery where id = ?",
                (rs, i) -> new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        (Long) rs.getObject(6, Long.class)), id));
    }

    /**
     * One deliverable of a run for one recipient, or of a mailed message (its receipt: no run).
     *
     * @param runId         the run, 0 when the row belongs to a message
     * @param attempts      how many times it was claimed, this one included
     * @param mailMessageId the mailed message a receipt answers, else null
     */
    public record Delivery(long id, long runId, String deliverable, String recipient, int attempts, Long mailMessageId) {
        public boolean hasRun() {
            return runId > 0;
        }

        /** What the row delivers, for the log: "Run 42", or "Mail message 7" for a receipt. */
        public String subject() {
            return hasRun() ? "Run " + runId : "Mail message " + mailMessageId;
        }
    }

    /** Marks a delivery done by {@code owner}; false when its claim was lost meanwhile. */
    public boolean done(long id, String owner, String target, Instant now) {
        return jdbc.update("""
                update delivery set status = ?, target = ?, done_at = ?, owner = null, lease_until = null, reason = null,
                       times_done = times_done + 1
                where id = ? and owner = ? and status = ?""",
                DONE, ExportStore.shorten(target, 1000), Timestamp.from(now), id, owner, PENDING) == 1;
    }

    /**
     * True when the run's deliverables are settled: its {@code first} row (the result files) done and no row
     * pending. A row FAILED for good (an address refused) does not hold the run back: it stays visible, with its
     * reason, in the outbox. To decide from it whether the run is delivered, call it in the transaction that took
     * the run's lock ({@link RunStore#lockForDelivery}) before it changed the run's row: otherwise two instances
     * settling a run's last two rows at once each see the other's row pending and neither marks the run.
     */
    public boolean settled(long runId, String first) {
        Long open = jdbc.queryForObject("""
                select count(*) from delivery where run_id = ? and (status = ? or (deliverable = ? and status <> ?))""",
                Long.class, runId, PENDING, first, DONE);
        Long firstDone = jdbc.queryForObject("select count(*) from delivery where run_id = ? and deliverable = ? and status = ?",
                Long.class, runId, first, DONE);
        return open != null && open == 0 && firstDone != null && firstDone == 1;
    }

    /** How many of the run's rows failed for good. */
    public long failed(long runId) {
        Long n = jdbc.queryForObject("select count(*) from delivery where run_id = ? and status = ?", Long.class, runId, FAILED);
        return n == null ? 0 : n;
    }

    /**
     * Fails the run's pending rows other than {@code first} for good, with {@code reason}: they waited for its
     * {@code first} row, which failed. Returns how many.
     */
    public int failWaiting(long runId, String first, String reason, Instant now) {
        return jdbc.update("""
                update delivery set status = ?, reason = ?, done_at = ?, owner = null, lease_until = null,
                       times_failed = times_failed + 1
                where run_id = ? and deliverable <> ? and status = ?""",
                FAILED, ExportStore.shorten(reason, 4000), Timestamp.from(now), runId, first, PENDING);
    }

    /**
     * An attempt failed: tried again at {@code nextAttempt}, or FAILED for good once {@code maxAttempts} were
     * made. Returns true when it failed for good.
     */
    public boolean attemptFailed(long id, String owner, String reason, Instant nextAttempt, int maxAttempts, Instant now) {
        String shortReason = ExportStore.shorten(reason, 4000);
        int failed = jdbc.update("""
                update delivery set status = ?, reason = ?, done_at = ?, owner = null, lease_until = null,
                       times_failed = times_failed + 1
                where id = ? and owner = ? and status = ? and attempts >= ?""",
                FAILED, shortReason, Timestamp.from(now), id, owner, PENDING, maxAttempts);
        if (failed == 1) {
            return true;
        }
        jdbc.update("""
                update delivery set reason = ?, next_attempt_at = ?, owner = null, lease_until = null
                where id = ? and owner = ? and status = ?""",
                shortReason, Timestamp.from(nextAttempt), id, owner, PENDING);
        return false;
    }

}
