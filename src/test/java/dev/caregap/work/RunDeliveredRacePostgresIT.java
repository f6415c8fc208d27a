package dev.caregap.work;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * The race of {@link RunDeliveredRaceTest} on a real PostgreSQL (embedded, with the real migrations, READ
 * COMMITTED as deployed): each instance has its own DataSource and connections, as separate services on one
 * database have. Each test has a database of its own, so no row another test left due is delivered here.
 */
class RunDeliveredRacePostgresIT extends RunDeliveredRaceTest {

    private static EmbeddedPostgres postgres;

    private final String database = "run_delivered_race_" + System.nanoTime();

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DataSource newDataSource() {
        return postgres.getDatabase("postgres", database);
    }

    @Override
    String waitingForALockSql() {
        return "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
    }

    @Override
    void dropTheDatabase() {
        new org.springframework.jdbc.core.JdbcTemplate(postgres.getPostgresDatabase()).execute(
                "drop database if exists " + database + " with (force)");
    }

    @Override
    @BeforeEach
    void migrate() {
        new org.springframework.jdbc.core.JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + database);
        super.migrate();
    }
}
