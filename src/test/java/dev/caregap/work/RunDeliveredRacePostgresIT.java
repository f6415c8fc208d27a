package dev.caregap.work;

import dev.caregap.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;

/**
 * The race of {@link RunDeliveredRaceTest} on a real PostgreSQL (embedded, with the real migrations, READ
 * COMMITTED as deployed): each instance has its own DataSource and connections, as separate services on one
 * database have. Each test has a database of its own, so no row another test left due is delivered here.
 */
class RunDeliveredRacePostgresIT extends RunDeliveredRaceTest {

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    private PostgresServer.Database database;

    @Override
    DataSource newDataSource() {
        return database.dataSource();
    }

    @Override
    String waitingForALockSql() {
        return "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
    }

    @Override
    void dropTheDatabase() {
        database.drop();
    }

    @Override
    @BeforeEach
    void migrate() {
        database = postgres.createDatabase("run_delivered_race");
        super.migrate();
    }
}
