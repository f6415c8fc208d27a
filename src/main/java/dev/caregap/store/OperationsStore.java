package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What operators ask for: the record of each request, and the outbox rows they make due again. */
@Component
public class OperationsStore {

    private final JdbcTemplate jdbc;

    public OperationsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one operation: who asked, when, on which instance, what, and how it ended. */
    public void record(Instant at, String askedBy, String instance, String operation, String target, String outcome) {
        jdbc.update("""
                insert into operation_log (asked_at, asked_by, instance, operation, target, outcome)
                values (?, ?, ?, ?, ?, ?)""", Timestamp.from(at), ExportStore.shorten(askedBy, 200),
                ExportStore.shorten(instance, 100), operation, ExportStore.shorten(target, 1000), ExportStore.shorten(outcome, 4000));
    }

    /** The newest recorded operations, newest first, as "time by who on instance: operation target: outcome". */
    public List<String> recent(int limit) {
        return jdbc.query("""
                select asked_at, asked_by, instance, operation, target, outcome from operation_log
                order by id desc limit ?""", (rs, i) -> rs.getTimestamp(1).toInstant() + " by "
                + rs.getString(2) + " on " + rs.getString(3) + ": " + rs.getString(4)
                + (rs.getString(5) == null ? "" : " " + rs.getString(5)) + ": " + rs.getString(6), limit);
    }

    /**
     * Makes a run's deliveries of one deliverable due again, for one recipient or (recipient null) all: PENDING,
     * no attempts, due now. A delivery an instance is making right now (its lease runs) is left to finish.
     * Returns how many were made due.
     */
    public int redeliver(long runId, String deliverable, String recipient, Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Object> args = new ArrayList<>(List.of(DeliveryStore.PENDING, at, runId, deliverable, at));
        String sql = """
                update delivery set status = ?, attempts = 0, next_attempt_at = ?, owner = null, lease_until = null,
                       reason = null, done_at = null
                where run_id = ? and deliverable = ? and (lease_until is null or lease_until < ?)""";
        if (recipient != null) {
            sql += " and recipient = ?";
            args.add(recipient);
        }
        return jdbc.update(sql, args.toArray());
    }

    /** Where a run's delivery of this deliverable stands (its first row: the result files have one); empty when it has none. */
    public Optional<DeliveryState> state(long runId, String deliverable) {
        return jdbc.query("select status, reason from delivery where run_id = ? and deliverable = ? order by id limit 1",
                (rs, i) -> new DeliveryState(rs.getString(1), rs.getString(2)), runId, deliverable).stream().findFirst();
    }

    /** @param reason why its last attempt failed, null when none did */
    public record DeliveryState(String status, String reason) {
    }

    /** The recipients a run has deliveries of this deliverable for. */
    public List<String> recipients(long runId, String deliverable) {
        return jdbc.queryForList("select recipient from delivery where run_id = ? and deliverable = ? order by recipient",
                String.class, runId, deliverable);
    }
}
