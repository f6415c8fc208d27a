package dev.caregap.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a text export can be cut into parts that are read side by side: just after a line end that ends a record
 * (one inside a quoted field does not), found by following the file's records from its start as the CSV parser
 * reads them ({@link RecordFollower}, on bytes: far faster than parsing), so each part knows the row it starts at.
 * Only for encodings in which a quote, the delimiter and a line end are bytes of their own (UTF-8, Windows-1252).
 */
final class TextParts {

    /**
     * @param offset     the byte the part starts at
     * @param rowsBefore the records before it, header rows and blank lines included: its first row is the next
     */
    record Cut(long offset, long rowsBefore) {
    }

    private static final int CHUNK = 1 << 20;

    private TextParts() {
    }

    /**
     * Cuts for up to {@code parts} parts of at least {@code leastBytes} each, near even in bytes; none when the
     * file is too small or its encoding is not one of single-byte quotes and line ends. A quote never closed leaves
     * no cut after it.
     */
    static List<Cut> cuts(Path file, TextFormat text, char delimiter, int parts, long leastBytes) throws IOException {
        if (!bytesOfTheirOwn(text.charset())) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = text.bomLength();
            long size = channel.size();
            int count = (int) Math.min(parts, (size - start) / Math.max(1, leastBytes));
            if (count < 2) {
                return List.of();
            }
            long[] targets = new long[count - 1];
            for (int j = 1; j < count; j++) {
                targets[j - 1] = start + (size - start) * j / count;
            }
            List<Cut> cuts = follow(channel, start, targets, new RecordFollower(delimiter));
            return cuts.stream().filter(cut -> cut.offset() < size).toList();
        }
    }

    /** Follows the records from {@code start}, cutting after the first record that ends at or past each target. */
    private static List<Cut> follow(FileChannel channel, long start, long[] targets, RecordFollower records)
            throws IOException {
        List<Cut> cuts = new ArrayList<>(targets.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        byte[] bytes = buffer.array();
        long position = start;
        long ended = 0;
        long afterCarriageReturn = -1;  // a CR ended a record just before here: the cut goes after an LF that follows
        channel.position(start);
        int read;
        while (cuts.size() < targets.length && (read = fill(channel, buffer)) > 0) {
            int i = 0;
            while (i < read && cuts.size() < targets.length) {
                long at = position + i;
                long target = targets[cuts.size()];
                if (at < target && afterCarriageReturn < 0) {
                    int to = (int) Math.min(read, target - position);
                    ended += records.records(bytes, i, to);
                    i = to;
                } else if (afterCarriageReturn >= 0 && bytes[i] != '\n') {
                    cuts.add(new Cut(at, ended));  // a CR alone ended the record; this byte starts the next part
                    afterCarriageReturn = -1;
                } else {
                    byte b = bytes[i];
                    long end = records.records(bytes, i, i + 1);
                    ended += end;
                    i++;
                    if (afterCarriageReturn >= 0 || (end > 0 && b == '\n')) {
                        cuts.add(new Cut(at + 1, ended));
                        afterCarriageReturn = -1;
                    } else if (end > 0) {
                        afterCarriageReturn = at + 1;
                    }
                }
            }
            position += read;
        }
        return cuts;
    }

    private static int fill(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // a file channel may hand over less than asked for
        }
        return buffer.position();
    }

    private static boolean bytesOfTheirOwn(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(TextFormat.WINDOWS_1252)
                || charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII);
    }
}
