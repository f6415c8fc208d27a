package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Each export's identity hashes as one sorted run (identity_run, V21): the export's identities in key order
 * (IdentitySort.KEY_ORDER, the id's hash first), their hashes packed {@link #PIECE} to a row. The identity at place n
 * of the run is respondent_identity's row keyed {@code export * 2^32 + n} (see RespondentKey), so an export's identity
 * rows go in in key order, appended after every other export's, and the run is all the index they need: an export
 * being settled merge-joins its own sorted hashes against the study's runs and reads only the rows whose hash
 * matched. A run is written with its export's identities and read only once they are all written (not pending).
 */
public final class IdentityRuns {

    /** Hashes a row of identity_run holds: 64 KB, so a merge holds one piece of each run at a time. */
    public static final int PIECE = 8_192;

    private final JdbcTemplate jdbc;
    private final int pieceSize;

    IdentityRuns(JdbcTemplate jdbc) {
        this(jdbc, PIECE);
    }

    /** @param pieceSize hashes a row holds ({@link #PIECE}; fewer only where a check wants runs of many pieces) */
    IdentityRuns(JdbcTemplate jdbc, int pieceSize) {
        this.jdbc = jdbc;
        this.pieceSize = pieceSize;
    }

    /** A writer of an export's run: its hashes handed on in ascending order, then finished. */
    Writer writer(long exportId) {
        return new Writer(exportId);
    }

    final class Writer {
        private final long exportId;
        private final long[] piece = new long[pieceSize];
        private int count;
        private int pieces;

        private Writer(long exportId) {
            this.exportId = exportId;
        }

        /** Adds the next hash; a piece full is written in the caller's transaction. */
        void add(long hash) {
            piece[count++] = hash;
            if (count == pieceSize) {
                finish();
            }
        }

        /** Writes the hashes not written yet. */
        void finish() {
            if (count > 0) {
                writePiece(exportId, pieces++, piece, count);
                count = 0;
            }
        }
    }

    private void writePiece(long exportId, int piece, long[] hashes, int count) {
        jdbc.update("insert into identity_run (export_id, piece, hashes) values (?, ?, ?)", exportId, piece, pack(hashes, count));
    }

    /** The first {@code count} hashes as a piece of a run holds them: eight bytes each, high byte first. */
    public static byte[] pack(long[] hashes, int count) {
        ByteBuffer packed = ByteBuffer.allocate(count * Long.BYTES);
        for (int i = 0; i < count; i++) {
            packed.putLong(hashes[i]);
        }
        return packed.array();
    }

    /** Removes an export's run, whatever of it there is. */
    void remove(long exportId) {
        jdbc.update("delete from identity_run where export_id = ?", exportId);
    }

    /** A merge of ascending hashes against the runs of {@code exportIds}, each read forward as the hashes ascend. */
    Merge merge(List<Long> exportIds) {
        return new Merge(exportIds);
    }

    final class Merge {
        private final List<Cursor> cursors = new ArrayList<>();

        private Merge(List<Long> exportIds) {
            exportIds.forEach(exportId -> cursors.add(new Cursor(exportId)));
        }

        /**
         * The keys (export * 2^32 + place) of every identity of the runs whose hash is one of {@code hashes}: the
         * first {@code count}, distinct and ascending, each above every hash of the previous call.
         */
        List<Long> matches(long[] hashes, int count) {
            List<Long> keys = new ArrayList<>();
            for (Cursor cursor : cursors) {
                cursor.match(hashes, count, keys);
            }
            return keys;
        }
    }

    /** One run read forward a piece at a time. */
    private final class Cursor {
        private final long exportId;
        private int piece = -1;
        private ByteBuffer hashes = ByteBuffer.allocate(0);
        private int at;  // place within the piece
        private boolean ended;

        Cursor(long exportId) {
            this.exportId = exportId;
        }

        void match(long[] wanted, int count, List<Long> keys) {
            int i = 0;
            while (i < count && current()) {
                long theirs = hashes.getLong(at * Long.BYTES);
                long ours = wanted[i];
                if (theirs < ours) {
                    at++;
                } else if (theirs > ours) {
                    i++;
                } else {
                    keys.add(RespondentKey.of(exportId, (long) piece * pieceSize + at));  // the run's next may match again
                    at++;
                }
            }
        }

        /** Whether there is an identity at the cursor, the next piece read when this one is through. */
        private boolean current() {
            while (!ended && at * Long.BYTES >= hashes.capacity()) {
                List<byte[]> next = jdbc.query("select hashes from identity_run where export_id = ? and piece = ?",
                        (rs, n) -> rs.getBytes(1), exportId, piece + 1);
                if (next.isEmpty()) {
                    ended = true;
                } else {
                    piece++;
                    hashes = ByteBuffer.wrap(next.get(0));
                    at = 0;
                }
            }
            return !ended;
        }
    }
}
