package db.migration;

import dev.caregap.store.IdentityRuns;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Identities keyed by their export and their place in its sorted run, and each export's hashes as that run
 * (identity_run, see store/IdentityRuns), instead of one index on the id's hash over every identity. Each export's
 * identities were scattered over the whole index, so writing them rewrote pages all over it and cost more the more
 * was stored; now an export's rows are appended in key order and its run is written once, and a settling export
 * merge-joins its sorted hashes against the study's runs. The identities of every ingested export whose identities
 * are written are moved over, in the run's order; those of an export whose identities are pending are left out, and
 * written again from its rows by whichever instance takes them over, as after any stop. identities_through (V17) goes:
 * an export settles once the identities of its study are all written, not behind them as they go. Each step may run
 * again: on H2 each statement of DDL commits by itself, so a stop part-way leaves V21 pending with some of its work
 * done, and the next start takes it up where it is.
 */
public class V21__identity_runs extends BaseJavaMigration {

    private static final int FETCH = 2_000;
    private static final long KEYS_PER_EXPORT = 4294967296L;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create table if not exists identity_run (
                        export_id bigint  not null,
                        piece     integer not null,
                        hashes    %s not null,
                        primary key (export_id, piece)
                    )""".formatted(postgres ? "bytea" : "varbinary(1000000000)"));
        }
        if (!hasColumn(connection, "respondent_identity", "identity_key")) {
            if (tableExists(connection, "respondent_identity")) {
                keyFromTheOldTable(connection);
            }
            // else a stop came after the old table went: respondent_identity_keyed holds every identity already
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("alter table respondent_identity_keyed rename to respondent_identity");
            }
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table survey_export drop column if exists identities_through");
            ddl.execute("comment on table respondent_identity is "
                    + "'Identities of ingested exports, keyed by export * 2^32 + place in the export''s run (identity_run); "
                    + "those of an export whose identities are pending are not read (RespondentStore).'");
        }
    }

    /** Builds the keyed table and the runs from the old table, all of them again should a stop have come part-way, then drops it. */
    private static void keyFromTheOldTable(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create table if not exists respondent_identity_keyed (
                        identity_key  bigint        not null primary key,
                        study         varchar(64)   not null,
                        segment       varchar(64),
                        respondent_id varchar(200)  not null,
                        export_id     bigint        not null,
                        row_no        bigint        not null,
                        ended_at      timestamp with time zone,
                        id_hash       bigint        not null
                    )""");
            ddl.execute("delete from respondent_identity_keyed");
            ddl.execute("delete from identity_run");
        }
        move(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("drop table respondent_identity");
        }
    }

    /** Moves the identities of ingested exports whose identities are written, each export's in its run's order. */
    private static void move(Connection connection) throws SQLException {
        try (Statement rows = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into respondent_identity_keyed (identity_key, study, segment, respondent_id, export_id, row_no,
                                                            ended_at, id_hash)
                     values (?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement piece = connection.prepareStatement("insert into identity_run (export_id, piece, hashes) values (?, ?, ?)")) {
            rows.setFetchSize(FETCH);  // streamed: PostgreSQL reads the rows a batch at a time (Flyway's transaction is open)
            Run run = new Run(piece);
            long place = 0;
            int batched = 0;
            try (ResultSet rs = rows.executeQuery("""
                    select i.export_id, i.study, i.segment, i.respondent_id, i.row_no, i.ended_at, i.id_hash
                    from respondent_identity i join survey_export e on e.id = i.export_id
                    where e.status = 'INGESTED' and not e.identities_pending
                    order by i.export_id, i.id_hash, i.respondent_id, i.segment, i.row_no""")) {
                while (rs.next()) {
                    long export = rs.getLong(1);
                    if (export != run.export) {
                        run.start(export);
                        place = 0;
                    }
                    insert.setLong(1, export * KEYS_PER_EXPORT + place++);
                    insert.setString(2, rs.getString(2));
                    insert.setString(3, rs.getString(3));
                    insert.setString(4, rs.getString(4));
                    insert.setLong(5, export);
                    insert.setLong(6, rs.getLong(5));
                    insert.setTimestamp(7, rs.getTimestamp(6));
                    insert.setLong(8, rs.getLong(7));
                    insert.addBatch();
                    if (++batched % FETCH == 0) {
                        insert.executeBatch();
                    }
                    run.add(rs.getLong(7));
                }
            }
            insert.executeBatch();
            run.flush();
        }
    }

    /** One export's run as its hashes come, a piece written as it fills. */
    private static final class Run {
        private final PreparedStatement insert;
        private final long[] hashes = new long[IdentityRuns.PIECE];
        private long export = -1;
        private int filled;
        private int pieces;

        Run(PreparedStatement insert) {
            this.insert = insert;
        }

        void start(long export) throws SQLException {
            flush();
            this.export = export;
            this.pieces = 0;
        }

        void add(long hash) throws SQLException {
            hashes[filled++] = hash;
            if (filled == hashes.length) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (filled == 0) {
                return;
            }
            insert.setLong(1, export);
            insert.setInt(2, pieces++);
            insert.setBytes(3, IdentityRuns.pack(hashes, filled));
            insert.executeUpdate();
            filled = 0;
        }
    }

    private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select count(*) from information_schema.columns
                where lower(table_name) = ? and lower(column_name) = ? and lower(table_schema) = lower(current_schema)""")) {
            query.setString(1, table);
            query.setString(2, column);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from information_schema.tables where lower(table_name) = ? and lower(table_schema) = lower(current_schema)")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
