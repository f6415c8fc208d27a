package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each export's identity hashes as one sorted run (identity_run, V21): the export's identities in key order
 * (IdentitySort.KEY_ORDER, the id's hash first), their hashes packed {@link #PIECE} to a row. The identity at place n
 * of the run is respondent_identity's row keyed {@code export * 2^32 + n} (see RespondentKey), so an export's identity
 * rows go in in key order, appended after every other export's, and the run is all the index they need: an export
 * being settled merge-joins its own sorted hashes against the study's runs and reads only the rows whose hash
 * matched. A merge reads the runs' first pieces {@link #FIRST_PIECES} runs a query, each further piece by its key. A run is written with its export's identities and read only once they are all written (not pending).
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

    /** Runs whose first pieces one query reads as a merge starts: a study of many small exports needs few queries. */
    static final int FIRST_PIECES = 500;

    final class Merge {
        private final List<Cursor> cursors = new ArrayList<>();

        private Merge(List<Long> exportIds) {
            for (int from = 0; from < exportIds.size(); from += FIRST_PIECES) {
                List<Long> some = exportIds.subList(from, Math.min(exportIds.size(), from + FIRST_PIECES));
                Map<Long, byte[]> first = new HashMap<>();
                jdbc.query("select export_id, hashes from identity_run where piece = 0 and export_id in ("
                                + String.join(", ", Collections.nCopies(some.size(), "?")) + ")",
                        rs -> {
                            first.put(rs.getLong(1), rs.getBytes(2));
                        }, some.toArray());
                some.forEach(exportId -> cursors.add(new Cursor(exportId, first.get(exportId))));
            }
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

        /** Lets go of every piece held, as the collector may when the heap runs short (for checks). */
        void forgetPieces() {
            cursors.forEach(cursor -> {
                if (cursor.held != null) {
                    cursor.held.clear();
                }
            });
        }
    }

    /**
     * One run read forward a piece at a time. The piece it is at is held softly: a merge over many big runs holds a
     * piece of each, which the collector may take back when the heap runs short; it is then read again.
     */
    private final class Cursor {
        private final long exportId;
        private int piece;
        private int size;  // hashes in the piece
        private SoftReference<ByteBuffer> held;
        private int at;    // place within the piece
        private boolean ended;

        Cursor(long exportId, byte[] firstPiece) {
            this.exportId = exportId;
            if (firstPiece == null) {
                ended = true;  // no identities
            } else {
                hold(0, firstPiece);
            }
        }

        void match(long[] wanted, int count, List<Long> keys) {
            int i = 0;
            ByteBuffer hashes = null;
            while (i < count && !ended) {
                if (at == size) {
                    next();
                    hashes = null;
                    continue;
                }
                if (hashes == null) {
                    hashes = piece();
                    if (hashes == null) {
                        return;
                    }
                }
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

        private void hold(int piece, byte[] bytes) {
            this.piece = piece;
            this.size = bytes.length / Long.BYTES;
            this.held = new SoftReference<>(ByteBuffer.wrap(bytes));
            this.at = 0;
        }

        /** The piece the cursor is at, read again should the collector have taken it; null (ended) if it is gone. */
        private ByteBuffer piece() {
            ByteBuffer hashes = held.get();
            if (hashes == null) {
                byte[] bytes = read(piece);
                if (bytes == null) {
                    ended = true;
                    return null;
                }
                hashes = ByteBuffer.wrap(bytes);
                held = new SoftReference<>(hashes);
            }
            return hashes;
        }

        private void next() {
            byte[] bytes = read(piece + 1);
            if (bytes == null) {
                ended = true;
            } else {
                hold(piece + 1, bytes);
            }
        }

        private byte[] read(int piece) {
            List<byte[]> found = jdbc.query("select hashes from identity_run where export_id = ? and piece = ?",
                    (rs, n) -> rs.getBytes(1), exportId, piece);
            return found.isEmpty() ? null : found.get(0);
        }
    }
}
