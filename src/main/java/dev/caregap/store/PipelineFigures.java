package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's figures as operators watch them, read from the database so every instance shows the same:
 * exports by outcome, a study's latest run and its headline figures, the outbox by state.
 */
@Component
public class PipelineFigures {

    private final JdbcTemplate jdbc;

    public PipelineFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Exports by status (READING, INGESTED, REJECTED, REPEAT, INTERRUPTED), every instance's. */
    public Map<String, Long> exportsByStatus() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select status, count(*) from survey_export group by status",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    /** Ingested exports whose identities are still being written (or left pending by a stopped instance). */
    public long exportsWithIdentitiesPending() {
        Long count = jdbc.queryForObject("select count(*) from survey_export where identities_pending", Long.class);
        return count == null ? 0 : count;
    }

    /** Rows read of every ingested export: the respondents the service has taken in. */
    public long respondentsIngested() {
        Long rows = jdbc.queryForObject("select coalesce(sum(rows_read), 0) from survey_export where status = ?", Long.class,
                ExportStore.INGESTED);
        return rows == null ? 0 : rows;
    }

    /** The export that arrived last, whatever became of it. */
    public Optional<LastExport> lastExport() {
        return jdbc.query("""
                select id, file_name, status, received_at, finished_at, reason from survey_export
                order by id desc limit 1""", (rs, i) -> new LastExport(rs.getLong(1), rs.getString(2), rs.getString(3),
                instant(rs, 4), instant(rs, 5), rs.getString(6))).stream().findFirst();
    }

    /** @param finishedAt when it was ingested, rejected or found a repeat; null while it is read */
    public record LastExport(long id, String fileName, String status, Instant receivedAt, Instant finishedAt, String reason) {
    }

    /** The study's newest run, whatever its state. */
    public Optional<RunState> lastRun(String study) {
        return runs("where r.study = ? order by r.id desc limit 1", study);
    }

    /** The study's newest run with figures (computed or delivered): the one its figures come from. */
    public Optional<RunState> lastRunWithFigures(String study) {
        return runs("where r.study = ? and r.status in ('" + RunStore.COMPUTED + "', '" + RunStore.DELIVERED
                + "') order by r.id desc limit 1", study);
    }

    private Optional<RunState> runs(String where, String study) {
        return jdbc.query("""
                select r.id, r.status, r.requested_at, r.computed_at, r.finished_at, r.reason,
                       (select count(*) from run_export x where x.run_id = r.id),
                       coalesce((select sum(x.included) from run_export x where x.run_id = r.id), 0),
                       coalesce((select sum(x.incomplete) from run_export x where x.run_id = r.id), 0),
                       coalesce((select sum(x.ineligible) from run_export x where x.run_id = r.id), 0),
                       coalesce((select sum(x.duplicate) from run_export x where x.run_id = r.id), 0),
                       coalesce((select sum(x.no_segment) from run_export x where x.run_id = r.id), 0)
                from study_run r\s""" + where, (rs, i) -> new RunState(rs.getLong(1), rs.getString(2), instant(rs, 3),
                instant(rs, 4), instant(rs, 5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12)), study).stream().findFirst();
    }

    /**
     * A run as operators see it: its state, the exports it covers, and its respondents included and excluded by
     * reason (counted when it was computed).
     */
    public record RunState(long id, String status, Instant requestedAt, Instant computedAt, Instant finishedAt,
                           String reason, long exportsCovered, long included, long incomplete, long ineligible,
                           long duplicate, long noSegment) {
    }

    /**
     * The rows over all respondents (breakdown total) of a run's {@code figures}, in the run's order: each with its
     * question, answer and share (a gap: the difference of shares; NaN without a base).
     */
    public List<TotalRow> totals(long runId, List<String> figures) {
        List<TotalRow> rows = new ArrayList<>();
        jdbc.query("""
                select figure, question, answer, share from figure where run_id = ? and breakdown = 'total'
                order by position""", rs -> {
            String figure = rs.getString(1);
            double share = rs.getDouble(4);
            boolean noShare = rs.wasNull();  // of the share: read before the other columns
            if (figures.contains(figure)) {
                rows.add(new TotalRow(figure, rs.getString(2), rs.getString(3), noShare ? Double.NaN : share));
            }
        }, runId);
        return rows;
    }

    public record TotalRow(String figure, String question, String answer, double share) {
    }

    /** The outbox by state; retrying: pending after at least one failed attempt. */
    public DeliveryCounts deliveries() {
        return jdbc.queryForObject("""
                select coalesce(sum(case when status = 'PENDING' and reason is null then 1 else 0 end), 0),
                       coalesce(sum(case when status = 'PENDING' and reason is not null then 1 else 0 end), 0),
                       coalesce(sum(case when status = 'FAILED' then 1 else 0 end), 0),
                       coalesce(sum(case when status = 'DONE' then 1 else 0 end), 0)
                from delivery""", (rs, i) -> new DeliveryCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    public record DeliveryCounts(long pending, long retrying, long failed, long sent) {
    }

    /** The newest delivery that failed, for good or for now, as "run 7 result-files for results-folder: reason". */
    public Optional<String> lastDeliveryFailure() {
        return jdbc.query("""
                select run_id, deliverable, recipient, status, reason from delivery
                where reason is not null and status <> 'DONE' order by id desc limit 1""",
                (rs, i) -> "run " + rs.getLong(1) + " " + rs.getString(2) + " for " + rs.getString(3) + " ("
                        + rs.getString(4) + "): " + rs.getString(5)).stream().findFirst();
    }

    /**
     * The deliveries made and failed for good so far, a row made again counting again: totals that only grow, as
     * an operator's redelivery leaves them (a row's state goes back to pending, its counts stay).
     */
    public DeliveryOutcomes deliveryOutcomes() {
        return jdbc.queryForObject("select coalesce(sum(times_done), 0), coalesce(sum(times_failed), 0) from delivery",
                (rs, i) -> new DeliveryOutcomes(rs.getLong(1), rs.getLong(2)));
    }

    public record DeliveryOutcomes(long sent, long failed) {
    }

    /**
     * The runs computed so far and how long computing them took in all, whichever instance computed them and in
     * whatever order they finished: a run's start and end are written once, so both totals only grow.
     */
    public RunsComputed runsComputed() {
        return jdbc.queryForObject("""
                select count(*), coalesce(sum(extract(epoch from computed_at) - extract(epoch from started_at)), 0)
                from study_run where computed_at is not null and started_at is not null""",
                (rs, i) -> new RunsComputed(rs.getLong(1), rs.getDouble(2)));
    }

    public record RunsComputed(long runs, double seconds) {
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp at = rs.getTimestamp(index);
        return at == null ? null : at.toInstant();
    }
}
