package dev.caregap.work;

import dev.caregap.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;

/**
 * The digest decided under the study's lock on a real PostgreSQL (embedded, with the real migrations): each
 * instance has its own DataSource and connections, as separate services on one database have.
 */
class DigestUnderStudyLockPostgresIT extends DigestUnderStudyLockContract {

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @Override
    DataSource newDataSource() {
        return postgres.postgresDatabase();
    }

    @Override
    String waitingForALockSql() {
        return "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
    }
}
