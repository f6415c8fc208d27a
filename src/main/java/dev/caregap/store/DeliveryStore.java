package dev.caregap.store;

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

    /** Deliveries due now and not held by a living owner, oldest first. */
    public List<Long> due(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.queryForList("""
                select id from delivery
                where status = ? and next_attempt_at <= ? and (lease_until is null or lease_until < ?)
                order by id""", Long.class, PENDING, at, at);
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
    }

    /** Marks a delivery done by {@code owner}; false when its claim was lost meanwhile. */
    public boolean done(long id, String owner, String target, Instant now) {
        return jdbc.update("""
                update delivery set status = ?, target = ?, done_at = ?, owner = null, lease_until = null, reason = null
                where id = ? and owner = ? and status = ?""",
                DONE, ExportStore.shorten(target, 1000), Timestamp.from(now), id, owner, PENDING) == 1;
    }

    /** True when every deliverable of the run is done. */
    public boolean allDone(long runId) {
        Long open = jdbc.queryForObject("select count(*) from delivery where run_id = ? and status <> ?", Long.class, runId, DONE);
        return open != null && open == 0;
    }

    /**
     * An attempt failed: tried again at {@code nextAttempt}, or FAILED for good once {@code maxAttempts} were
     * made. Returns true when it failed for good.
     */
    public boolean attemptFailed(long id, String owner, String reason, Instant nextAttempt, int maxAttempts, Instant now) {
        String shortReason = ExportStore.shorten(reason, 4000);
        int failed = jdbc.update("""
                update delivery set status = ?, reason = ?, done_at = ?, owner = null, lease_until = null
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
