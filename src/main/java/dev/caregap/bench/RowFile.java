package dev.caregap.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of one cleaned export kept in a plain binary file, so each store is loaded from the same rows without
 * reading and cleaning the CSV again (and without holding a million rows in a 512 MB heap).
 */
final class RowFile {

    private RowFile() {
    }

    /** Writes rows one after another; close it to finish the file. */
    static final class Writer implements AutoCloseable {
        private final DataOutputStream out;

        Writer(Path file) {
            try {
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(StoredRow row) {
            try {
                out.writeLong(row.rowNo());
                text(row.segment());
                text(row.respondentId());
                out.writeBoolean(row.endedAtMicros() != null);
                if (row.endedAtMicros() != null) {
                    out.writeLong(row.endedAtMicros());
                }
                out.writeDouble(row.weight());
                text(row.exclusion());
                text(row.answers());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void text(String value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads the rows back in the order they were written, at most {@code limit} of them. */
    static final class Reader implements Iterator<StoredRow>, AutoCloseable {
        private final DataInputStream in;
        private final long limit;
        private long read;
        private StoredRow next;

        Reader(Path file, long limit) {
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.limit = limit;
            next = advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public StoredRow next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            StoredRow row = next;
            next = advance();
            return row;
        }

        private StoredRow advance() {
            if (read >= limit) {
                return null;
            }
            try {
                long rowNo;
                try {
                    rowNo = in.readLong();
                } catch (EOFException end) {
                    return null;
                }
                String segment = text();
                String respondentId = text();
                Long endedAt = in.readBoolean() ? in.readLong() : null;
                double weight = in.readDouble();
                String exclusion = text();
                String answers = text();
                read++;
                return new StoredRow(rowNo, segment, respondentId, endedAt, weight, exclusion, answers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String text() throws IOException {
            int length = in.readInt();
            if (length < 0) {
                return null;
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
