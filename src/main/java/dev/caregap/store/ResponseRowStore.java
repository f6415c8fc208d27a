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
 * What a run's responses.csv is put together from: the exports it covers and the rows that are duplicates now (read
 * from respondent_duplicate, not every respondent); an export's respondents come from {@link RespondentStore}.
 */
@Component
public class ResponseRowStore {

    private final JdbcTemplate jdbc;
    private final RespondentStore respondents;

    public ResponseRowStore(JdbcTemplate jdbc, RespondentStore respondents) {
        this.jdbc = jdbc;
        this.respondents = respondents;
    }

    /** The responses of a study's ingested exports up to {@code lastExport}, as {@link RespondentStore#included} has them. */
    public StoredResponses upTo(String study, long lastExport) {
        return new StoredResponses() {
            @Override
            public List<Export> exports() {
                return jdbc.query("""
                        select id, file_name, content_hash from survey_export
                        where study = ? and status = 'INGESTED' and id <= ? order by id""",
                        (rs, n) -> new Export(rs.getLong(1), rs.getString(2), rs.getString(3)), study, lastExport);
            }

            @Override
            public Map<Long, long[]> duplicateRows() {
                Map<Long, long[]> rows = new HashMap<>();
                Map<Long, Integer> counts = new HashMap<>();
                jdbc.query("""
                        select d.export_id, d.row_no
                        from respondent_duplicate d join survey_export e on e.id = d.export_id
                        where d.study = ? and d.export_id <= ? and e.status = 'INGESTED'""", rs -> {
                    long export = rs.getLong(1);
                    int n = counts.merge(export, 1, Integer::sum);
                    long[] held = rows.computeIfAbsent(export, e -> new long[16]);
                    if (n > held.length) {
                        held = Arrays.copyOf(held, held.length * 2);
                        rows.put(export, held);
                    }
                    held[n - 1] = rs.getLong(2);
                }, study, lastExport);
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
