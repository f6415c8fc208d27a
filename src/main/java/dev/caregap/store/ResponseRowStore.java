package dev.caregap.store;

import dev.caregap.results.StoredResponses;
import dev.caregap.run.ResponseSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's responses.csv is put together from: the exports it covers and the rows that are duplicates among them
 * (read from respondent_duplicate, not every respondent); an export's respondents come from {@link StoredRespondents}.
 */
@Component
public class ResponseRowStore {

    private final JdbcTemplate jdbc;
    private final StoredRespondents respondents;

    public ResponseRowStore(JdbcTemplate jdbc, StoredRespondents respondents) {
        this.jdbc = jdbc;
        this.respondents = respondents;
    }

    /**
     * The responses of the exports a run covers (its run_export, recorded when it was computed), as
     * {@link StoredRespondents#included} has them. Not the exports ingested up to its last export: one read meanwhile
     * with an older number is not in the run's figures, so it is not in its responses either.
     */
    public StoredResponses ofRun(long runId) {
        return new StoredResponses() {
            @Override
            public List<Export> exports() {
                return jdbc.query("""
                        select e.id, e.file_name, e.content_hash
                        from run_export x join survey_export e on e.id = x.export_id
                        where x.run_id = ? order by e.id""",
                        (rs, n) -> new Export(rs.getLong(1), rs.getString(2), rs.getString(3)), runId);
            }

            /**
             * Those decided by an export the run covers (or before V19, which every run computed since covers), as
             * its figures took them off: an export that landed after the run was computed leaves them as they were.
             */
            @Override
            public Map<Long, long[]> duplicateRows() {
                Map<Long, long[]> rows = new HashMap<>();
                Map<Long, Integer> counts = new HashMap<>();
                jdbc.query("""
                        select d.export_id, d.row_no
                        from respondent_duplicate d join run_export x on x.export_id = d.export_id
                        where x.run_id = ? and (d.decided_by is null or exists (
                            select 1 from run_export c where c.run_id = x.run_id and c.export_id = d.decided_by))""", rs -> {
                    long export = rs.getLong(1);
                    int n = counts.merge(export, 1, Integer::sum);
                    long[] held = rows.computeIfAbsent(export, e -> new long[16]);
                    if (n > held.length) {
                        held = Arrays.copyOf(held, held.length * 2);
                        rows.put(export, held);
                    }
                    held[n - 1] = rs.getLong(2);
                }, runId);
                rows.replaceAll((export, held) -> {
                    long[] exact = Arrays.copyOf(held, counts.get(export));
                    Arrays.sort(exact);
                    return exact;
                });
                return rows;
            }

            @Override
            public ResponseSource countedIn(long exportId) {
                return respondents.countedIn(exportId);
            }
        };
    }
}
