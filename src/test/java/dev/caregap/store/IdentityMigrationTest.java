package dev.caregap.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** V8 on a database that already holds respondents: those that count get their identities, the old index goes. */
class IdentityMigrationTest {

    @Test
    void includedRespondentsWithAnIdOfIngestedExportsGetTheirIdentitiesAndNoOthers() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:identity-migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("7").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long ingested = export(jdbc, "INGESTED");
        long rejected = export(jdbc, "READING");
        respondent(jdbc, ingested, 4, "R1", null, "2026-03-01 10:00:00+00");
        respondent(jdbc, ingested, 5, "R1", null, null);
        respondent(jdbc, ingested, 6, "R2", "INCOMPLETE", "2026-03-01 10:00:00+00");  // excluded
        respondent(jdbc, ingested, 7, null, null, "2026-03-01 10:00:00+00");          // no respondent id
        respondent(jdbc, rejected, 4, "R1", null, "2026-03-01 11:00:00+00");           // not ingested

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForList("""
                select export_id || ':' || row_no || ':' || segment || ':' || respondent_id || ':' || coalesce(cast(ended_at as varchar(60)), '-')
                from respondent_identity where study = 'care-gap' order by row_no""", String.class))
                .containsExactly(ingested + ":4:consumer:R1:2026-03-01 10:00:00+00", ingested + ":5:consumer:R1:-");
        assertThat(jdbc.queryForObject("""
                select count(*) from information_schema.indexes where lower(index_name) = 'respondent_by_identity'""",
                Long.class)).isZero();
    }

    private static long export(JdbcTemplate jdbc, String status) {
        jdbc.update("""
                insert into survey_export (study, file_name, source, content_hash, size_bytes, received_at, status)
                values ('care-gap', 'a.csv', 'test', ?, 1, current_timestamp, ?)""", "hash-" + status, status);
        return jdbc.queryForObject("select max(id) from survey_export", Long.class);
    }

    private static void respondent(JdbcTemplate jdbc, long export, long row, String id, String exclusion, String ended) {
        jdbc.update("""
                insert into respondent (export_id, row_no, study, segment, respondent_id, ended_at, weight, exclusion, answers)
                values (?, ?, 'care-gap', 'consumer', ?, cast(? as timestamp with time zone), 1.0, ?, 'C_CARE=5')""",
                export, row, id, ended, exclusion);
    }
}
