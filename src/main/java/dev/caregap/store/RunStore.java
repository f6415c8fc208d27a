package dev.caregap.store;

import dev.caregap.figures.Figure;
import dev.caregap.quality.ExportQuality;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import dev.caregap.study.Study;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Runs of a study: requested when exports land, claimed by one instance to compute, their figures and the
 * exports they cover stored with them, so a run's result files can be written again at any time.
 */
@Component
public class RunStore {

    public static final String REQUESTED = "REQUESTED";
    public static final String COMPUTING = "COMPUTING";
    public static final String COMPUTED = "COMPUTED";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;
    private final StudyLock studyLock;
    private final TransactionTemplate transaction;

    public RunStore(JdbcTemplate jdbc, StudyLock studyLock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.studyLock = studyLock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Asks for a run of the study, or moves the one already asked for: it becomes due {@code quiet} after now,
     * but no later than {@code cap} after it was first asked for. Call it inside the transaction that holds the
     * study's lock and marks the export ingested. Returns the run's number.
     */
    public long request(String study, long exportId, Instant now, Duration quiet, Duration cap) {
        List<Map.Entry<Long, Instant>> pending = jdbc.query("select id, requested_at from study_run where requested_study = ?",
                (rs, i) -> Map.entry(rs.getLong(1), instant(rs, 2)), study);
        if (!pending.isEmpty()) {
            long id = pending.get(0).getKey();
            Instant due = min(now.plus(quiet), pending.get(0).getValue().plus(cap));
            jdbc.update("update study_run set due_at = ? where id = ?", Timestamp.from(due), id);
            return id;
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    insert into study_run (study, requested_study, trigger_export_id, status, requested_at, due_at)
                    values (?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setString(1, study);
            ps.setString(2, study);
            ps.setLong(3, exportId);
            ps.setString(4, REQUESTED);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(min(now.plus(quiet), now.plus(cap))));
            return ps;
        }, keys);
        return ((Number) keys.getKeys().values().iterator().next()).longValue();
    }

    /** Runs due now: requested ones whose drop has settled, and computing ones whose owner stopped renewing. */
    public List<Long> due(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.queryForList("""
                select id from study_run
                where (status = ? and due_at <= ?) or (status = ? and (lease_until is null or lease_until < ?))
                order by id""", Long.class, REQUESTED, at, COMPUTING, at);
    }

    /**
     * Claims a due run for {@code owner}. A requested run covers the exports ingested until this moment (taken
     * under the study's lock, so an export landing now asks for the next run instead); a run taken over from a
     * dead owner keeps what it covered. Empty when another instance was first.
     */
    public Optional<ClaimedRun> claim(long runId, String owner, Instant now, Instant leaseUntil) {
        return transaction.execute(status -> {
            List<String> study = jdbc.queryForList("select study from study_run where id = ?", String.class, runId);
            if (study.isEmpty()) {
                return Optional.<ClaimedRun>empty();
            }
            studyLock.lock(study.get(0));
            Timestamp at = Timestamp.from(now);
            int claimed = jdbc.update("""
                    update study_run set
                        last_export = case when status = ? then
                            (select coalesce(max(e.id), 0) from survey_export e where e.study = study_run.study and e.status = 'INGESTED')
                            else last_export end,
                        status = ?, requested_study = null, owner = ?, lease_until = ?, attempts = attempts + 1,
                        started_at = coalesce(started_at, ?)
                    where id = ? and ((status = ? and due_at <= ?) or (status = ? and (lease_until is null or lease_until < ?)))""",
                    REQUESTED, COMPUTING, owner, Timestamp.from(leaseUntil), at, runId, REQUESTED, at, COMPUTING, at);
            if (claimed == 0) {
                return Optional.<ClaimedRun>empty();
            }
            return Optional.of(jdbc.queryForObject("""
                    select r.id, r.study, r.last_export, r.attempts, e.file_name
                    from study_run r left join survey_export e on e.id = r.trigger_export_id where r.id = ?""",
                    (rs, i) -> new ClaimedRun(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5)),
                    runId));
        });
    }

    /**
     * Fixes what a run claimed by {@code owner} covers as it is computed: every export of its study ingested by now.
     * Call it under the study's lock, in the transaction that reads the run's exports, tallies and duplicates: no
     * export lands meanwhile, so the duplicates settled are exactly those among the exports it covers. The newest of
     * them; empty when {@code owner} no longer holds the run.
     */
    public OptionalLong coverIngested(long runId, String owner) {
        int covered = jdbc.update("""
                update study_run set last_export =
                    (select coalesce(max(e.id), 0) from survey_export e where e.study = study_run.study and e.status = 'INGESTED')
                where id = ? and status = ? and owner = ?""", runId, COMPUTING, owner);
        return covered == 0 ? OptionalLong.empty()
                : OptionalLong.of(jdbc.queryForObject("select last_export from study_run where id = ?", Long.class, runId));
    }

    /**
     * A run claimed for computing.
     *
     * @param lastExport the newest export it covers
     * @param attempts   how many times it was claimed, this time included
     * @param trigger    the file whose arrival asked for it
     */
    public record ClaimedRun(long id, String study, long lastExport, int attempts, String trigger) {
    }

    /**
     * Records a computed run: its figures and the exports it covers, marked COMPUTED, in the caller's transaction.
     * False, and nothing written, when {@code owner} no longer holds the run.
     */
    public boolean computed(long runId, String owner, List<Figure> figures, List<ExportQuality> covered, Instant now) {
        long included = covered.stream().mapToLong(ExportQuality::included).sum();
        int marked = jdbc.update("""
                update study_run set status = ?, computed_at = ?, respondents_included = ?, owner = null, lease_until = null,
                       reason = null
                where id = ? and owner = ? and status = ?""",
                COMPUTED, Timestamp.from(now), included, runId, owner, COMPUTING);
        if (marked == 0) {
            return false;
        }
        saveFigures(runId, figures);
        jdbc.batchUpdate("""
                insert into run_export (run_id, export_id, included, incomplete, ineligible, duplicate, no_segment)
                values (?, ?, ?, ?, ?, ?, ?)""", covered, 1_000, (ps, q) -> {
            ps.setLong(1, runId);
            ps.setLong(2, q.exportId());
            ps.setLong(3, q.included());
            ps.setLong(4, q.incomplete());
            ps.setLong(5, q.ineligible());
            ps.setLong(6, q.duplicate());
            ps.setLong(7, q.noSegment());
        });
        return true;
    }

    /**
     * A computing attempt failed: the run is released to be tried again at {@code retryAt}, or FAILED for good
     * after {@code maxAttempts}. Returns true when it failed for good.
     */
    public boolean attemptFailed(long runId, String owner, String reason, Instant retryAt, int maxAttempts, Instant now) {
        int failed = jdbc.update("""
                update study_run set status = ?, reason = ?, finished_at = ?, owner = null, lease_until = null
                where id = ? and owner = ? and status = ? and attempts >= ?""",
                FAILED, ExportStore.shorten(reason, 4000), Timestamp.from(now), runId, owner, COMPUTING, maxAttempts);
        if (failed == 1) {
            return true;
        }
        jdbc.update("update study_run set reason = ?, owner = null, lease_until = ? where id = ? and owner = ? and status = ?",
                ExportStore.shorten(reason, 4000), Timestamp.from(retryAt), runId, owner, COMPUTING);
        return false;
    }

    /**
     * Locks the run's row (SELECT ... FOR UPDATE) until the current transaction ends; call it inside one, before
     * it changes any of the run's outbox rows. Marking one of a run's deliveries done or failed and checking
     * whether that settles the run are then one decision per run: another instance settling another of its rows at
     * the same moment waits for this commit and sees this row as it left it, so the last of them marks the run
     * DELIVERED. Lock order: the study's lock (when one is held) before the run's row, the run's row before its
     * outbox rows.
     */
    public void lockForDelivery(long runId) {
        jdbc.queryForList("select id from study_run where id = ? for update", Long.class, runId);
    }

    /** Marks a computed run delivered, once; false when it was not COMPUTED. */
    public boolean delivered(long runId, Instant now) {
        return jdbc.update("update study_run set status = ?, finished_at = ? where id = ? and status = ?",
                DELIVERED, Timestamp.from(now), runId, COMPUTED) == 1;
    }

    /** Records where a run's result files are. */
    public void resultsWritten(long runId, String folder) {
        jdbc.update("update study_run set results_folder = ? where id = ?", ExportStore.shorten(folder, 1000), runId);
    }


    /** A stored run as its deliverables need it; empty when there is no such run. */
    public Optional<StoredRun> find(long runId) {
        return jdbc.query("""
                select r.id, r.study, r.status, r.requested_at, r.computed_at, r.last_export, r.respondents_included,
                       e.file_name, r.results_folder
                from study_run r left join survey_export e on e.id = r.trigger_export_id where r.id = ?""",
                (rs, i) -> new StoredRun(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9)), runId).stream().findFirst();
    }

    /**
     * A run as stored.
     *
     * @param lastExport          the newest export it covers
     * @param respondentsIncluded respondents its figures count
     * @param trigger             the file whose arrival asked for it
     * @param resultsFolder       where its result files were written, once they were
     */
    public record StoredRun(long id, String study, String status, Instant requestedAt, Instant computedAt,
                            long lastExport, long respondentsIncluded, String trigger, String resultsFolder) {
    }

    /** The study's newest delivered run, for a digest. */
    public Optional<Long> newestDelivered(String study) {
        return jdbc.queryForList("select max(id) from study_run where study = ? and status = ?", Long.class, study, DELIVERED)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The study's newest run delivered before {@code runId}: the one "what changed since" compares with. */
    public Optional<StoredRun> previousDelivered(String study, long runId) {
        return jdbc.queryForList("select max(id) from study_run where study = ? and id < ? and status = ?", Long.class,
                study, runId, DELIVERED).stream().filter(java.util.Objects::nonNull).findFirst().flatMap(this::find);
    }

    /** A run's figures in the order they were computed; labels come from the study, which the figure table leaves out. */
    public List<Figure> figures(long runId, Study study) {
        Map<String, String> labels = study.figures().stream().collect(Collectors.toMap(FigureSpec::id, FigureSpec::label));
        return jdbc.query("""
                select figure, measure, question, answer, breakdown, group_label, answered, base, share, share_low,
                       share_high, effective_base, z, p, low_base, figure_rank
                from figure where run_id = ? order by position""", (rs, i) -> new Figure(rs.getString(1),
                labels.getOrDefault(rs.getString(1), rs.getString(1)), Measure.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), number(rs, 9),
                number(rs, 10), number(rs, 11), number(rs, 12), nullable(rs, 13), nullable(rs, 14), rs.getBoolean(15),
                (Integer) rs.getObject(16, Integer.class)), runId);
    }

    private void saveFigures(long runId, List<Figure> figures) {
        List<Map.Entry<Integer, Figure>> numbered = java.util.stream.IntStream.range(0, figures.size())
                .mapToObj(i -> Map.entry(i, figures.get(i))).toList();
        jdbc.batchUpdate("""
                insert into figure (run_id, position, figure, measure, question, answer, breakdown, group_label, answered,
                                    base, share, share_low, share_high, effective_base, z, p, low_base, figure_rank)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", numbered, 1_000, (ps, entry) -> {
            Figure f = entry.getValue();
            ps.setLong(1, runId);
            ps.setInt(2, entry.getKey());
            ps.setString(3, f.figure());
            ps.setString(4, f.measure().name());
            ps.setString(5, f.question());
            ps.setString(6, f.answer());
            ps.setString(7, f.breakdown());
            ps.setString(8, f.group());
            ps.setLong(9, f.count());
            ps.setLong(10, f.base());
            setNumber(ps, 11, f.share());
            setNumber(ps, 12, f.low());
            setNumber(ps, 13, f.high());
            setNumber(ps, 14, f.effectiveBase());
            setNumber(ps, 15, f.z());
            setNumber(ps, 16, f.p());
            ps.setBoolean(17, f.lowBase());
            ps.setObject(18, f.rank());
        });
    }

    /** NaN (no base) is stored as null: a database NULL means "no figure", which is what NaN meant. */
    private static void setNumber(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null || value.isNaN() || value.isInfinite()) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static double number(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : value;
    }

    private static Double nullable(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp at = rs.getTimestamp(index);
        return at == null ? null : at.toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
