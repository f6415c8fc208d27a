package dev.caregap.store;

import dev.caregap.ingest.Arrival;
import dev.caregap.quality.ExportQuality;
import dev.caregap.quality.IssueCount;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The register of exports: every file that arrived, its provenance and what became of it. */
@Component
public class ExportStore {

    public static final String READING = "READING";
    public static final String INGESTED = "INGESTED";
    public static final String REJECTED = "REJECTED";
    public static final String REPEAT = "REPEAT";

    private final JdbcTemplate jdbc;

    public ExportStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an arrival with a status and returns its export number. */
    public long register(Arrival arrival, String status, Long repeatOf, String reason) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    insert into survey_export (file_name, source, content_hash, size_bytes, received_at, status,
                                               repeat_of, reason, finished_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setString(1, arrival.fileName());
            ps.setString(2, arrival.source());
            ps.setString(3, arrival.contentHash());
            ps.setLong(4, arrival.sizeBytes());
            ps.setTimestamp(5, Timestamp.from(arrival.receivedAt()));
            ps.setString(6, status);
            ps.setObject(7, repeatOf);
            ps.setString(8, shorten(reason, 4000));
            ps.setTimestamp(9, READING.equals(status) ? null : Timestamp.from(Instant.now()));
            return ps;
        }, keys);
        return keys.getKeyAs(Number.class) != null ? keys.getKeyAs(Number.class).longValue()
                : ((Number) keys.getKeys().values().iterator().next()).longValue();
    }

    /** The export that already brought this content, if any. */
    public Optional<Long> ingestedWithHash(String contentHash) {
        return jdbc.query("select id from survey_export where content_hash = ? and status = ? order by id fetch first 1 rows only",
                (rs, i) -> rs.getLong(1), contentHash, INGESTED).stream().findFirst();
    }

    public void markIngested(long exportId, String study, String layout, String format, String segments, long rowsRead) {
        jdbc.update("""
                update survey_export set status = ?, study = ?, layout = ?, file_format = ?, segments = ?, rows_read = ?,
                       finished_at = ? where id = ?""",
                INGESTED, study, layout, shorten(format, 100), segments, rowsRead, Timestamp.from(Instant.now()), exportId);
    }

    public void markRejected(long exportId, String reason) {
        jdbc.update("update survey_export set status = ?, reason = ?, finished_at = ? where id = ?",
                REJECTED, shorten(reason, 4000), Timestamp.from(Instant.now()), exportId);
    }

    /** Exports left half-read by a stop; their rows never counted and are removed. */
    public List<Long> unfinished() {
        return jdbc.queryForList("select id from survey_export where status = ? order by id", Long.class, READING);
    }

    /** The newest ingested export of a study, 0 when there is none. */
    public long lastIngested(String study) {
        Long last = jdbc.queryForObject("select max(id) from survey_export where study = ? and status = ?",
                Long.class, study, INGESTED);
        return last == null ? 0 : last;
    }

    /** The data-quality account of every ingested export of a study up to {@code lastExport}, oldest first. */
    public List<ExportQuality> quality(String study, long lastExport) {
        Map<Long, List<IssueCount>> issues = new HashMap<>();
        jdbc.query("""
                select i.export_id, i.column_name, i.question, i.reason, count(*)
                from data_issue i join survey_export e on e.id = i.export_id
                where e.study = ? and e.status = ? and e.id <= ?
                group by i.export_id, i.column_name, i.question, i.reason
                order by i.export_id, count(*) desc, i.column_name""", rs -> {
            issues.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new IssueCount(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
        }, study, INGESTED, lastExport);
        return jdbc.query("""
                select e.id, e.file_name, e.source, e.received_at, e.layout, e.rows_read,
                       sum(case when r.exclusion is null and not r.duplicate then 1 else 0 end),
                       sum(case when r.exclusion = 'INCOMPLETE' then 1 else 0 end),
                       sum(case when r.exclusion = 'INELIGIBLE' then 1 else 0 end),
                       sum(case when r.exclusion is null and r.duplicate then 1 else 0 end),
                       sum(case when r.exclusion = 'NO_SEGMENT' then 1 else 0 end)
                from survey_export e left join respondent r on r.export_id = e.id
                where e.study = ? and e.status = ? and e.id <= ?
                group by e.id, e.file_name, e.source, e.received_at, e.layout, e.rows_read
                order by e.id""", (rs, i) -> new ExportQuality(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10), rs.getLong(11), issues.getOrDefault(rs.getLong(1), List.of())),
                study, INGESTED, lastExport);
    }

    static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
