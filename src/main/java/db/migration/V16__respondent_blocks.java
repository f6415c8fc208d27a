package db.migration;

import dev.caregap.store.RespondentBlock;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * Respondents are kept in blocks of consecutive respondents of one export (respondent_block, see store/RespondentBlock)
 * instead of a row each: storing a big export was mostly the store's work per row (its tree entry, undo record and
 * page rewrites), a thousand times less with a block per thousand respondents. Keyed as respondent rows were
 * (V12: export * 2^32 + row, here of the block's first row), so an export's blocks are one key range; first_row and
 * last_row bound the rows a block holds. In Java because a block is the service's own encoding: respondents stored
 * before are packed here, in key order. The counts kept on each export (V7) are filled in for exports read before
 * they were kept, since nothing counts respondent rows in SQL any more. On PostgreSQL the blocks are stored
 * uncompressed (storage external): the server spends none of the cores an export is read on compressing them.
 * Each step may run again: on H2 each statement commits by itself, so a stop part-way leaves V16 pending with some
 * of its work done; the next start packs again from the rows, which go only at the end.
 */
public class V16__respondent_blocks extends BaseJavaMigration {

    private static final int FETCH = 2_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create table if not exists respondent_block (
                        block_key   bigint      not null primary key,
                        export_id   bigint      not null,
                        study       varchar(64) not null,
                        first_row   bigint      not null,
                        last_row    bigint      not null,
                        respondents integer     not null,
                        encoded     %s not null
                    )""".formatted(postgres ? "bytea" : "varbinary(1000000000)"));
            if (postgres) {
                ddl.execute("alter table respondent_block alter column encoded set storage external");
            }
        }
        if (!tableExists(connection, "respondent")) {
            return;  // packed and removed by an earlier attempt that stopped after it
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    update survey_export set
                        counted_included = (select count(*) from respondent r where %1$s and r.exclusion is null),
                        counted_incomplete = (select count(*) from respondent r where %1$s and r.exclusion = 'INCOMPLETE'),
                        counted_ineligible = (select count(*) from respondent r where %1$s and r.exclusion = 'INELIGIBLE'),
                        counted_no_segment = (select count(*) from respondent r where %1$s and r.exclusion = 'NO_SEGMENT')
                    where status = 'INGESTED' and counted_included is null""".formatted(
                    "r.respondent_key >= survey_export.id * 4294967296 and r.respondent_key < (survey_export.id + 1) * 4294967296"));
            statement.executeUpdate("delete from respondent_block");
        }
        pack(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("drop table respondent");
        }
    }

    /** Packs every respondent row, in key order, into blocks of its export. */
    private static void pack(Connection connection) throws SQLException {
        try (Statement rows = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into respondent_block (block_key, export_id, study, first_row, last_row, respondents, encoded)
                     values (?, ?, ?, ?, ?, ?, ?)""")) {
            rows.setFetchSize(FETCH);  // streamed: PostgreSQL reads the rows a batch at a time (Flyway's transaction is open)
            RespondentBlock.Builder block = new RespondentBlock.Builder();
            long blockExport = -1;
            String blockStudy = null;
            try (ResultSet rs = rows.executeQuery("""
                    select export_id, study, row_no, segment, respondent_id, ended_at, weight, exclusion, answers
                    from respondent order by respondent_key""")) {
                while (rs.next()) {
                    long exportId = rs.getLong(1);
                    if (block.count() > 0 && (exportId != blockExport || !block.takes(rs.getLong(3)))) {
                        insert(insert, blockExport, blockStudy, block);
                    }
                    blockExport = exportId;
                    blockStudy = rs.getString(2);
                    Timestamp ended = rs.getTimestamp(6);
                    block.add(new RespondentBlock.Row(rs.getLong(3), rs.getString(4), rs.getString(5),
                            ended == null ? null : ended.toInstant(), rs.getDouble(7), rs.getString(8), rs.getString(9)));
                }
            }
            if (block.count() > 0) {
                insert(insert, blockExport, blockStudy, block);
            }
        }
    }

    private static void insert(PreparedStatement insert, long exportId, String study, RespondentBlock.Builder block)
            throws SQLException {
        insert.setLong(1, exportId * 4294967296L + block.firstRow());
        insert.setLong(2, exportId);
        insert.setString(3, study);
        insert.setLong(4, block.firstRow());
        insert.setLong(5, block.lastRow());
        insert.setInt(6, block.count());
        insert.setBytes(7, block.bytes());
        insert.executeUpdate();
        block.clear();
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
