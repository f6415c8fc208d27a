package dev.caregap.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Copies whole rows of RFC 4180 CSV, every cell quoted, as bytes, each after a leading cell: a row ends at CR LF
 * outside quotes, and its first cell is its row number, by which rows can be left out. Not whole: a row whose first
 * cell is no number, or a last row without its end. Rows are written straight from the read buffer; only a row that
 * runs across two reads is gathered first.
 */
final class RowCopier {

    private static final int READ = 1 << 16;

    private final InputStream in;
    private final byte[] leadingCell;
    private final LongPredicate drop;
    private final OutputStream out;
    /** The start of a row that began in an earlier read. */
    private byte[] pending = new byte[1 << 12];
    private int pendingLength;
    private long copied;

    RowCopier(InputStream in, byte[] leadingCell, LongPredicate drop, OutputStream out) {
        this.in = in;
        this.leadingCell = leadingCell;
        this.drop = drop;
        this.out = out;
    }

    /** Copies every row; returns the rows copied, or -1 when the text is not whole rows. */
    long copy() throws IOException {
        byte[] chunk = new byte[READ];
        boolean quoted = false;
        byte before = 0;  // the byte before the chunk's first
        int read;
        while ((read = in.read(chunk)) >= 0) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                byte b = chunk[i];
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted && (i > 0 ? chunk[i - 1] : before) == '\r'
                        && (i > start || pendingLength > 0)) {
                    if (!row(chunk, start, i + 1)) {
                        return -1;
                    }
                    start = i + 1;
                }
            }
            gather(chunk, start, read);
            if (read > 0) {
                before = chunk[read - 1];
            }
        }
        return pendingLength == 0 ? copied : -1;
    }

    /** A row ends at {@code end} in the chunk: with what was gathered of it before, copies it unless dropped. */
    private boolean row(byte[] chunk, int start, int end) throws IOException {
        byte[] bytes = chunk;
        int from = start;
        int length = end - start;
        if (pendingLength > 0) {
            gather(chunk, start, end);
            bytes = pending;
            from = 0;
            length = pendingLength;
            pendingLength = 0;
        }
        long number = rowNumber(bytes, from, length);
        if (number < 0) {
            return false;
        }
        if (!drop.test(number)) {
            out.write(leadingCell);
            out.write(bytes, from, length);
            copied++;
        }
        return true;
    }

    private void gather(byte[] chunk, int start, int end) {
        int length = end - start;
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(chunk, start, pending, pendingLength, length);
        pendingLength += length;
    }

    /** The row number in the row's first cell, {@code "123",}; -1 when it is not one. */
    private static long rowNumber(byte[] bytes, int from, int length) {
        if (length < 4 || bytes[from] != '"') {
            return -1;
        }
        int end = from + length;
        long number = 0;
        int i = from + 1;
        for (; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            if (i - from > 18) {
                return -1;
            }
            number = number * 10 + (bytes[i] - '0');
        }
        return i > from + 1 && i + 1 < end && bytes[i] == '"' && bytes[i + 1] == ',' ? number : -1;
    }
}
