package dev.caregap.bench;

import dev.caregap.store.IdentityHash;

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
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * One embedded store as the comparison loads it, in the service's layout (V12 and V14): respondent rows under one
 * number, then the export's identities, sorted, into their own table with its index on the id's hash. The engine,
 * how durably it commits, how many rows a commit holds, whether the identity index is there while the identities go
 * in or built after them, and how rows go in (JDBC batches, or DuckDB's Appender). SQLite's and DuckDB's drivers are
 * benchmark-only dependencies, reached by URL (and DuckDB's Appender by reflection), so the service builds without
 * them.
 */
record StoreEngine(String name, Kind kind, int commit, boolean indexAfter, boolean appender, String durability) {

    enum Kind { H2, SQLITE, DUCKDB }

    static final String STUDY = "care-gap";
    static final long EXPORT_ID = 1;

    /**
     * The respondent table as V12 keeps it (respondent_key = export * 2^32 + row, see RespondentKey), in SQL all three
     * accept; on SQLite the key is written {@code integer primary key}, which makes it the table's own row id, as a
     * single bigint key is H2's.
     */
    private static final String TABLE = """
            create table respondent (
                respondent_key %s,
                export_id     bigint        not null,
                row_no        bigint        not null,
                study         varchar(64)   not null,
                segment       varchar(64),
                respondent_id varchar(200),
                ended_at      timestamp with time zone,
                weight        double precision not null,
                exclusion     varchar(16),
                answers       varchar(1000000) not null
            )""";
    /** The identities duplicates are settled over (V8), with the hash and the index V14 gave them. */
    private static final String IDENTITY_TABLE = """
            create table respondent_identity (
                study         varchar(64)   not null,
                segment       varchar(64),
                respondent_id varchar(200)  not null,
                export_id     bigint        not null,
                row_no        bigint        not null,
                ended_at      timestamp with time zone,
                id_hash       bigint        not null
            )""";
    private static final String INDEX = "create index respondent_identity_by_hash on respondent_identity (id_hash)";
    private static final String INSERT = """
            insert into respondent (respondent_key, export_id, row_no, study, segment, respondent_id, ended_at, weight, exclusion,
                                    answers)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_IDENTITY = """
            insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
            values (?, ?, ?, ?, ?, ?, ?)""";
    static final String SAME_IDENTITY = """
            select export_id, row_no from respondent_identity
            where id_hash = ? and study = ? and segment = ? and respondent_id = ?""";
    /** The same, for every identity of the export at once: the stored ones sharing it, other than itself. */
    static final String SAME_IDENTITY_ALL = """
            select count(*) from respondent_identity n join respondent_identity s
              on s.id_hash = n.id_hash and s.respondent_id = n.respondent_id and s.segment = n.segment and s.study = n.study
             and (s.export_id <> n.export_id or s.row_no <> n.row_no)
            where n.export_id = ?""";
    /** Identities written per transaction on H2, as the service writes them (RespondentStore.IDENTITY_CHUNK). */
    private static final int H2_IDENTITY_CHUNK = 1_000;
    /** An identity's order as the service writes them (IdentitySort): the id's hash, respondent id, segment, row. */
    static final Comparator<Identity> KEY_ORDER = Comparator.comparingLong(Identity::idHash)
            .thenComparing((Identity i) -> i.row().respondentId()).thenComparing(i -> i.row().segment())
            .thenComparingLong(i -> i.row().rowNo());

    /** An identity to store: its respondent's row and the hash of its id (IdentityHash), worked out once. */
    record Identity(StoredRow row, long idHash) {

        static Identity of(StoredRow row) {
            return new Identity(row, IdentityHash.of(row.respondentId()));
        }
    }

    /** What the load reports after each commit returned: rows committed so far, the row number of the last. */
    interface Committed {
        void committed(long rows, long lastRowNo);
    }

    /** Every store compared, the service's H2 setting first. */
    static List<StoreEngine> all() {
        String h2 = "WRITE_DELAY=0 (each commit written to the file at once)";
        String full = "WAL, synchronous=FULL (WAL fsynced at each commit)";
        String normal = "WAL, synchronous=NORMAL (fsync at checkpoints only: survives a process kill, not a power cut)";
        String duck = "default (WAL written and synced at each commit)";
        return List.of(
                new StoreEngine("h2-2000", Kind.H2, 2_000, false, false, h2 + "; the service's setting (identities 1,000 a transaction)"),
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
            statement.execute(TABLE.formatted(kind == Kind.SQLITE ? "integer primary key" : "bigint not null primary key"));
            statement.execute(IDENTITY_TABLE);
            if (!indexAfter) {
                statement.execute(INDEX);
            }
        }
    }

    /** Builds the identity index, for a store that has it built once the identities are in. */
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

    /**
     * Stores the export's identities (its included respondents with an id, sorted as the service sorts them), a
     * transaction every {@link #H2_IDENTITY_CHUNK} on H2 as the service does, every {@link #commit} elsewhere.
     */
    void loadIdentities(Connection connection, List<Identity> sorted) throws SQLException {
        int chunk = kind == Kind.H2 ? H2_IDENTITY_CHUNK : commit;
        if (appender) {
            connection.setAutoCommit(true);
            DuckDbAppender appender = new DuckDbAppender(connection, "respondent_identity");
            try {
                long count = 0;
                for (Identity sortedIdentity : sorted) {
                    StoredRow identity = sortedIdentity.row();
                    appender.beginRow();
                    appender.append(STUDY);
                    appender.appendText(identity.segment());
                    appender.append(identity.respondentId());
                    appender.append(EXPORT_ID);
                    appender.append(identity.rowNo());
                    appendEnded(appender, identity);
                    appender.append(sortedIdentity.idHash());
                    appender.endRow();
                    if (++count % chunk == 0) {
                        appender.flush();
                    }
                }
                appender.flush();
            } finally {
                appender.close();
            }
            return;
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_IDENTITY)) {
            long count = 0;
            for (Identity sortedIdentity : sorted) {
                StoredRow identity = sortedIdentity.row();
                insert.setString(1, STUDY);
                insert.setString(2, identity.segment());
                insert.setString(3, identity.respondentId());
                insert.setLong(4, EXPORT_ID);
                insert.setLong(5, identity.rowNo());
                setEnded(insert, 6, identity);
                insert.setLong(7, sortedIdentity.idHash());
                insert.addBatch();
                if (++count % chunk == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        connection.setAutoCommit(true);
    }

    /** A row's respondent_key, as RespondentKey makes it: the export above, the row below. */
    private static long key(StoredRow row) {
        return (EXPORT_ID << 32) + row.rowNo();
    }

    private static void setEnded(PreparedStatement statement, int index, StoredRow row) throws SQLException {
        if (row.endedAtMicros() == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(Instant.EPOCH.plus(row.endedAtMicros(), ChronoUnit.MICROS)));
        }
    }

    private static void appendEnded(DuckDbAppender appender, StoredRow row) throws SQLException {
        if (row.endedAtMicros() == null) {
            appender.appendNull();
        } else {
            appender.appendEpochMicros(row.endedAtMicros());
        }
    }

    private void insertRows(Connection connection, Iterator<StoredRow> rows, Committed committed) throws SQLException {
        connection.setAutoCommit(false);
        long count = 0;
        long last = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            while (rows.hasNext()) {
                StoredRow row = rows.next();
                insert.setLong(1, key(row));
                insert.setLong(2, EXPORT_ID);
                insert.setLong(3, row.rowNo());
                insert.setString(4, STUDY);
                insert.setString(5, row.segment());
                insert.setString(6, row.respondentId());
                setEnded(insert, 7, row);
                insert.setDouble(8, row.weight());
                insert.setString(9, row.exclusion());
                insert.setString(10, row.answers());
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
        DuckDbAppender appender = new DuckDbAppender(connection, "respondent");
        long count = 0;
        long last = 0;
        try {
            while (rows.hasNext()) {
                StoredRow row = rows.next();
                appender.beginRow();
                appender.append(key(row));
                appender.append(EXPORT_ID);
                appender.append(row.rowNo());
                appender.append(STUDY);
                appender.appendText(row.segment());
                appender.appendText(row.respondentId());
                appendEnded(appender, row);
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

        DuckDbAppender(Connection connection, String table) throws SQLException {
            try {
                Class<?> duckConnection = Class.forName("org.duckdb.DuckDBConnection");
                Object duck = connection.unwrap(duckConnection);
                appender = duckConnection.getMethod("createAppender", String.class, String.class).invoke(duck, "main", table);
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
