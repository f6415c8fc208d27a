package db.migration;

import dev.caregap.store.IdentityHash;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The identity index keys a respondent id by a 64-bit hash of it (store/IdentityHash) instead of the id's text. Each
 * export's ids are scattered over the whole index, so writing them rewrites index pages all over it; a bigint is a
 * fraction of an id's bytes, so there are fewer pages, and fewer bytes, to rewrite. In Java because the hash is the
 * service's own function: identities stored before get theirs here, one update per distinct id, and the column is
 * then required, so no identity is ever written without it. Each step may run again: on H2 each statement commits by
 * itself, so a stop part-way leaves V14 pending with some of its work done, and the next start finishes it.
 */
public class V14__identity_hash extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table respondent_identity add column if not exists id_hash bigint");
        }
        try (Statement ids = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "update respondent_identity set id_hash = ? where respondent_id = ? and id_hash is null")) {
            ids.setFetchSize(BATCH);  // streamed: PostgreSQL reads the ids a batch at a time (Flyway's transaction is open)
            int batched = 0;
            try (ResultSet rs = ids.executeQuery("select distinct respondent_id from respondent_identity where id_hash is null")) {
                while (rs.next()) {
                    update.setLong(1, IdentityHash.of(rs.getString(1)));
                    update.setString(2, rs.getString(1));
                    update.addBatch();
                    if (++batched % BATCH == 0) {
                        update.executeBatch();
                    }
                }
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table respondent_identity alter column id_hash set not null");
            ddl.execute("create index if not exists respondent_identity_by_hash on respondent_identity (id_hash)");
            ddl.execute("drop index if exists respondent_identity_by_id");
        }
    }
}
