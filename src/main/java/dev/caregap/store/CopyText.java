package dev.caregap.store;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Rows sent with PostgreSQL's COPY FROM STDIN (pgjdbc's CopyManager), several times faster than inserts: rows as COPY
 * text (RespondentRows, UTF-8, the connection's client encoding), sent on the connection of the caller's transaction,
 * so they commit or roll back like any other write.
 */
final class CopyText {

    private CopyText() {
    }

    /** Copies rows of COPY text (see RespondentRows) into {@code columns}, in the current transaction. */
    static void copy(JdbcTemplate jdbc, String columns, CharSequence rows) {
        if (rows.isEmpty()) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        // the JdbcTemplate hands out the connection bound to the current Spring transaction
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try {
                // copyIn cancels the COPY when it fails half-way, leaving the connection usable for the rollback
                con.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + columns + " from stdin", new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);  // reading bytes in memory: does not happen
            }
            return null;
        });
    }
}
