package dev.caregap.store;

import dev.caregap.figures.Figure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Runs of a study and the figures each computed. */
@Component
public class RunStore {

    private final JdbcTemplate jdbc;

    public RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long start(String study, Long triggerExportId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "insert into study_run (study, trigger_export_id, started_at, status) values (?, ?, ?, 'RUNNING')",
                    new String[] {"id"});
            ps.setString(1, study);
            ps.setObject(2, triggerExportId);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            return ps;
        }, keys);
        return ((Number) keys.getKeys().values().iterator().next()).longValue();
    }

    public void saveFigures(long runId, List<Figure> figures) {
        jdbc.batchUpdate("""
                insert into figure (run_id, figure, measure, question, answer, breakdown, group_label, answered, base,
                                    share, share_low, share_high, effective_base, z, p, low_base, figure_rank)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", figures, 1_000, (ps, f) -> {
            ps.setLong(1, runId);
            ps.setString(2, f.figure());
            ps.setString(3, f.measure().name());
            ps.setString(4, f.question());
            ps.setString(5, f.answer());
            ps.setString(6, f.breakdown());
            ps.setString(7, f.group());
            ps.setLong(8, f.count());
            ps.setLong(9, f.base());
            setNumber(ps, 10, f.share());
            setNumber(ps, 11, f.low());
            setNumber(ps, 12, f.high());
            setNumber(ps, 13, f.effectiveBase());
            setNumber(ps, 14, f.z());
            setNumber(ps, 15, f.p());
            ps.setBoolean(16, f.lowBase());
            ps.setObject(17, f.rank());
        });
    }

    public void finish(long runId, long respondentsIncluded) {
        jdbc.update("update study_run set status = 'DONE', finished_at = ?, respondents_included = ? where id = ?",
                Timestamp.from(Instant.now()), respondentsIncluded, runId);
    }

    public void fail(long runId) {
        jdbc.update("update study_run set status = 'FAILED', finished_at = ? where id = ?", Timestamp.from(Instant.now()), runId);
    }

    /** NaN (no base) is stored as null: a database NULL means "no figure", which is what NaN meant. */
    private static void setNumber(PreparedStatement ps, int index, Double value) throws java.sql.SQLException {
        if (value == null || value.isNaN() || value.isInfinite()) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
