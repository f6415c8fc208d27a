package dev.caregap.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Consecutive respondents of one export kept as one value of a respondent_block row (V16): a block is one entry in
 * the store's tree where a row per respondent was one entry each, so writing an export costs the store a thousandth of
 * the entries (on H2 the entries, their undo records and their page rewrites were most of reading a big export).
 * Nothing asks the store for one respondent's columns: duplicates are found in respondent_identity, counts are kept on
 * the export, and whatever reads respondents back reads them an export or a block at a time.
 * <p>
 * A block holds respondents of one range of {@link #ROWS} row numbers of its export (rows 0 to 999, 1,000 to 1,999,
 * ...), so the block of a respondent named by export and row (a duplicate) is found by its range's keys; a range takes
 * more than one block when a batch ends in it or a block passes {@link #BYTES}. In row order; each as its row
 * number, the length of the rest (so a reader looking for one row skips the others unread), then segment, respondent
 * id, end (seconds and nanoseconds, or none), weight, exclusion and answers (as AnswerCodes keep them). A text is its
 * length in UTF-8 bytes (-1 for none) and those bytes; numbers high byte first.
 */
public final class RespondentBlock {

    /** Row numbers a block's range spans: the respondents it holds at most. */
    static final int ROWS = 1_000;
    /** Bytes after which a block ends with fewer respondents: open answers may be long. */
    static final int BYTES = 4 << 20;

    private static final long NO_END = Long.MIN_VALUE;

    /** A stored respondent as its block holds it; {@code exclusion} is null for one that is included. */
    public record Row(long row, String segment, String respondentId, Instant endedAt, double weight, String exclusion,
                      String answers) {

        public boolean included() {
            return exclusion == null;
        }
    }

    private RespondentBlock() {
    }

    /** Every row of a block, in row order. */
    public static List<Row> rows(byte[] block) {
        List<Row> rows = new ArrayList<>();
        forEach(block, row -> true, rows::add);
        return rows;
    }

    /** Hands on the rows of a block whose row number {@code wanted} accepts, in row order; the others are skipped unread. */
    public static void forEach(byte[] block, LongPredicate wanted, Consumer<Row> consumer) {
        Reader in = new Reader(block);
        while (in.position < block.length) {
            long row = in.readLong();
            int length = in.readInt();
            if (!wanted.test(row)) {
                in.position += length;
                continue;
            }
            String segment = in.readText();
            String respondentId = in.readText();
            long seconds = in.readLong();
            int nanos = in.readInt();
            double weight = Double.longBitsToDouble(in.readLong());
            String exclusion = in.readText();
            String answers = in.readText();
            consumer.accept(new Row(row, segment, respondentId, seconds == NO_END ? null : Instant.ofEpochSecond(seconds, nanos),
                    weight, exclusion, answers));
        }
    }

    /** The first row of the range of rows that {@code row} lies in. */
    static long rangeStart(long row) {
        return row / ROWS * ROWS;
    }

    /** A block being filled: its rows must come in increasing row order, each one it {@link #takes}. */
    public static final class Builder {

        private byte[] bytes = new byte[1 << 16];
        private int size;
        private int count;
        private long firstRow = -1;
        private long lastRow = -1;

        public void add(Row r) {
            if (r.row() <= lastRow) {
                throw new IllegalArgumentException("row " + r.row() + " comes after row " + lastRow + " in a block");
            }
            if (!takes(r.row())) {
                throw new IllegalArgumentException("row " + r.row() + " does not belong in the block of rows from " + firstRow);
            }
            if (count == 0) {
                firstRow = r.row();
            }
            lastRow = r.row();
            count++;
            writeLong(r.row());
            int lengthAt = size;
            writeInt(0);  // the rest's length, filled in below
            writeText(r.segment());
            writeText(r.respondentId());
            writeLong(r.endedAt() == null ? NO_END : r.endedAt().getEpochSecond());
            writeInt(r.endedAt() == null ? 0 : r.endedAt().getNano());
            writeLong(Double.doubleToRawLongBits(r.weight()));
            writeText(r.exclusion());
            writeText(r.answers());
            putInt(lengthAt, size - lengthAt - Integer.BYTES);
        }

        /** Whether the block takes this row next: one of its range of rows, while it is under {@link #BYTES}. */
        public boolean takes(long row) {
            return count == 0 || (row / ROWS == firstRow / ROWS && size < BYTES);
        }

        public int count() {
            return count;
        }

        public long firstRow() {
            return firstRow;
        }

        public long lastRow() {
            return lastRow;
        }

        public byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }

        public void clear() {
            size = 0;
            count = 0;
            firstRow = -1;
            lastRow = -1;
        }

        private void writeText(String text) {
            if (text == null) {
                writeInt(-1);
                return;
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void writeLong(long value) {
            writeInt((int) (value >>> 32));
            writeInt((int) value);
        }

        private void writeInt(int value) {
            room(Integer.BYTES);
            putInt(size, value);
            size += Integer.BYTES;
        }

        private void putInt(int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static final class Reader {

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        String readText() {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        long readLong() {
            return ((long) readInt() << 32) | (readInt() & 0xFFFF_FFFFL);
        }

        int readInt() {
            int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                    | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            position += Integer.BYTES;
            return value;
        }
    }
}
