package dev.caregap.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One embedded store as the comparison loads it: the engine, how durably it commits, how many rows a commit holds,
 * whether the identity index is there during the load or built after it, and how rows go in (JDBC batches, or
 * DuckDB's Appender). SQLite's and DuckDB's drivers are benchmark-only dependencies, reached by URL (and DuckDB's
 * Appender by reflection), so the service builds without them.
 */
record StoreEngine(String name, Kind kind, int commit, boolean indexAfter, boolean appender, String durability) {

    enum Kind { H2, SQLITE, DUCKDB }

    static final String STUDY = "care-gap";
    static final long EXPORT_ID = 1;

    /** The respondent table of V1 (without the duplicate flag the load leaves at its default), in SQL all three accept. */
    private static final String TABLE = """
            create table respondent (
                export_id     bigint        not null,
                row_no        bigint        not null,
                study         varchar(64)   not null,
                segment       varchar(64),
                respondent_id varchar(200),
                ended_at      timestamp with time zone,
                weight        double precision not null,
                exclusion     varchar(16),
                answers       varchar(1000000) not null,
                primary key (export_id, row_no)
            )""";
    private static final String INDEX = "create index respondent_by_identity on respondent (study, segment, respondent_id)";
    private static final String INSERT = """
            insert into respondent (export_id, row_no, study, segment, respondent_id, ended_at, weight, exclusion, answers)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String SAME_IDENTITY = "select export_id, row_no from respondent where study = ? and segment = ? and respondent_id = ?";
    /** The same, for every respondent of the export at once: the stored rows sharing an identity with one of them. */
    static final String SAME_IDENTITY_ALL = """
            select count(*) from respondent n join respondent s
              on s.study = n.study and s.segment = n.segment and s.respondent_id = n.respondent_id
             and (s.export_id <> n.export_id or s.row_no <> n.row_no)
            where n.export_id = ?""";

    /** What the load reports after each commit returned: rows committed so far, the row number of the last. */
    interface Committed {
        void committed(long rows, long lastRowNo);
    }

    /** Every store compared, the service's H2 setting of the time (before V8) first. */
    static List<StoreEngine> all() {
        String h2 = "WRITE_DELAY=0 (each commit written to the file at once)";
        String full = "WAL, synchronous=FULL (WAL fsynced at each commit)";
        String normal = "WAL, synchronous=NORMAL (fsync at checkpoints only: survives a process kill, not a power cut)";
        String duck = "default (WAL written and synced at each commit)";
        return List.of(
                new StoreEngine("h2-2000", Kind.H2, 2_000, false, false, h2 + "; the service's setting before V8 (the service now commits 10,000 and compresses its pages)"),
                new StoreEngine("h2-50000", Kind.H2, 50_000, false, false, h2),
                new StoreEngine("h2-index-after", Kind.H2, 50_000, true, false, h2),
                new StoreEngine("sqlite-full", Kind.SQLITE, 2_000, false, false, full),
                new StoreEngine("sqlite-full-50000", Kind.SQLITE, 50_000, false, false, full),
                new StoreEngine("sqlite-normal", Kind.SQLITE, 2_000, false, false, normal),
                new StoreEngine("duckdb-appender", Kind.DUCKDB, 2_000, false, true, duck),
                new StoreEngine("duckdb-appender-50000", Kind.DUCKDB, 50_000, false, true, duck),
                new StoreEngine("duckdb-batch", Kind.DUCKDB, 2_000, false, false, duck));
    }

    static StoreEngine named(String name) {
        return all().stream().filter(e -> e.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no store named " + name + "; the stores are " + all().stream().map(StoreEngine::name).toList()));
    }

    String url(Path folder) {
        return switch (kind) {
            // as application.yaml configures the service's store
            case H2 -> "jdbc:h2:file:" + folder.toAbsolutePath().resolve("caregap") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
            case SQLITE -> "jdbc:sqlite:" + folder.toAbsolutePath().resolve("caregap.db");
            case DUCKDB -> "jdbc:duckdb:" + folder.toAbsolutePath().resolve("caregap.duckdb");
        };
    }

    Connection open(Path folder) throws SQLException {
        Connection connection = DriverManager.getConnection(url(folder));
        if (kind == Kind.SQLITE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("pragma journal_mode=WAL");
                statement.execute("pragma synchronous=" + (name.contains("normal") ? "NORMAL" : "FULL"));
            }
        }
        return connection;
    }

    void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
            if (!indexAfter) {
                statement.execute(INDEX);
            }
        }
    }

    void createIndexAfterLoad(Connection connection) throws SQLException {
        if (indexAfter) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(INDEX);
            }
        }
    }

    /** Stores every row, a commit every {@link #commit} rows and one for the rest; each commit is on disk when reported. */
    void load(Connection connection, Iterator<StoredRow> rows, Committed committed) throws SQLException {
        if (appender) {
            appendRows(connection, rows, committed);
        } else {
            insertRows(connection, rows, committed);
        }
    }

    private void insertRows(Connection connection, Iterator<StoredRow> rows, Committed committed) throws SQLException {
        connection.setAutoCommit(false);
        long count = 0;
        long last = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            while (rows.hasNext()) {
                StoredRow row = rows.next();
                insert.setLong(1, EXPORT_ID);
                insert.setLong(2, row.rowNo());
                insert.setString(3, STUDY);
                insert.setString(4, row.segment());
                insert.setString(5, row.respondentId());
                if (row.endedAtMicros() == null) {
                    insert.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    insert.setTimestamp(6, Timestamp.from(Instant.EPOCH.plus(row.endedAtMicros(), ChronoUnit.MICROS)));
                }
                insert.setDouble(7, row.weight());
                insert.setString(8, row.exclusion());
                insert.setString(9, row.answers());
                insert.addBatch();
                count++;
                last = row.rowNo();
                if (count % commit == 0) {
                    insert.executeBatch();
                    connection.commit();
                    committed.committed(count, last);
                }
            }
            if (count % commit != 0) {
                insert.executeBatch();
                connection.commit();
                committed.committed(count, last);
            }
        }
        connection.setAutoCommit(true);
    }

    /** DuckDB's Appender, by reflection; in auto-commit each flush is a transaction of its own. */
    private void appendRows(Connection connection, Iterator<StoredRow> rows, Committed committed) throws SQLException {
        connection.setAutoCommit(true);
        DuckDbAppender appender = new DuckDbAppender(connection);
        long count = 0;
        long last = 0;
        try {
            while (rows.hasNext()) {
                StoredRow row = rows.next();
                appender.beginRow();
                appender.append(EXPORT_ID);
                appender.append(row.rowNo());
                appender.append(STUDY);
                appender.appendText(row.segment());
                appender.appendText(row.respondentId());
                if (row.endedAtMicros() == null) {
                    appender.appendNull();
                } else {
                    appender.appendEpochMicros(row.endedAtMicros());
                }
                appender.append(row.weight());
                appender.appendText(row.exclusion());
                appender.append(row.answers());
                appender.endRow();
                count++;
                last = row.rowNo();
                if (count % commit == 0) {
                    appender.flush();
                    committed.committed(count, last);
                }
            }
            if (count % commit != 0) {
                appender.flush();
                committed.committed(count, last);
            }
        } finally {
            appender.close();
        }
    }

    /** org.duckdb.DuckDBAppender's methods, found once; the driver is not on the service's compile path. */
    private static final class DuckDbAppender {
        private final Object appender;
        private final Method beginRow;
        private final Method endRow;
        private final Method appendLong;
        private final Method appendDouble;
        private final Method appendString;
        private final Method appendEpochMicros;
        private final Method appendNull;
        private final Method flush;
        private final Method close;

        DuckDbAppender(Connection connection) throws SQLException {
            try {
                Class<?> duckConnection = Class.forName("org.duckdb.DuckDBConnection");
                Object duck = connection.unwrap(duckConnection);
                appender = duckConnection.getMethod("createAppender", String.class, String.class).invoke(duck, "main", "respondent");
                Class<?> type = appender.getClass();
                beginRow = type.getMethod("beginRow");
                endRow = type.getMethod("endRow");
                appendLong = type.getMethod("append", long.class);
                appendDouble = type.getMethod("append", double.class);
                appendString = type.getMethod("append", String.class);
                appendEpochMicros = type.getMethod("appendEpochMicros", long.class);
                appendNull = type.getMethod("appendNull");
                flush = type.getMethod("flush");
                close = type.getMethod("close");
            } catch (ReflectiveOperationException e) {
                throw new SQLException("DuckDB's Appender is not reachable: " + e, e);
            }
        }

        void beginRow() throws SQLException { call(beginRow); }
        void endRow() throws SQLException { call(endRow); }
        void append(long value) throws SQLException { call(appendLong, value); }
        void append(double value) throws SQLException { call(appendDouble, value); }
        void append(String value) throws SQLException { call(appendString, value); }
        void appendText(String value) throws SQLException {
            if (value == null) {
                appendNull();
            } else {
                append(value);
            }
        }
        void appendEpochMicros(long value) throws SQLException { call(appendEpochMicros, value); }
        void appendNull() throws SQLException { call(appendNull); }
        void flush() throws SQLException { call(flush); }
        void close() throws SQLException { call(close); }

        private void call(Method method, Object... args) throws SQLException {
            try {
                method.invoke(appender, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException(method.getName() + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new SQLException(method.getName() + " is not accessible: " + Arrays.toString(args), e);
            }
        }
    }
}
