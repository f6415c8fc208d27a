package dev.caregap.work;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * The digest decided under the study's lock on a real PostgreSQL (embedded, with the real migrations): each
 * instance has its own DataSource and connections, as separate services on one database have.
 */
class DigestUnderStudyLockPostgresIT extends DigestUnderStudyLockContract {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DataSource newDataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    String waitingForALockSql() {
        return "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
    }
}
