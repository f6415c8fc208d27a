package dev.caregap.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL for the tests of a class (its superuser {@code postgres}, password {@code postgres}), and
 * databases of their own for tests that must not see each other's rows. On a static field with
 * {@code @RegisterExtension} it starts before the class's tests and closes after them; a test that needs it at
 * another moment calls {@link #start()} and {@link #close()} itself.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    /** On a free port, its data in a folder of its own that is removed when it closes. */
    public PostgresServer() {
        this(0, null);
    }

    private PostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** On a fixed port, its data kept in the folder: closed and started again, it is the same database at the same URL. */
    public static PostgresServer keepingItsData(int port, Path dataDirectory) {
        return new PostgresServer(port, dataDirectory);
    }

    public PostgresServer start() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (dataDirectory != null) {
            builder.setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        return this;
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The server's own database, {@code postgres}. */
    public DataSource postgresDatabase() {
        return postgres.getPostgresDatabase();
    }

    /** The URL of the server's own database; it already has a query ({@code ?user=postgres}), more go after {@code &}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A new, empty database, named by the prefix and a number no other test uses. */
    public Database createDatabase(String prefix) {
        String name = prefix + "_" + System.nanoTime();
        new JdbcTemplate(postgresDatabase()).execute("create database " + name);
        return new Database(name);
    }

    /** A database of one test on this server. */
    public final class Database {

        private final String name;

        private Database(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public String jdbcUrl() {
            return postgres.getJdbcUrl("postgres", name);
        }

        /** A new DataSource on the database each time, as another instance of the service would have its own. */
        public DataSource dataSource() {
            return postgres.getDatabase("postgres", name);
        }

        /** Drops the database, even while connections a test left open are still on it. */
        public void drop() {
            new JdbcTemplate(postgresDatabase()).execute("drop database if exists " + name + " with (force)");
        }
    }
}
