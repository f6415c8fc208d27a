package dev.caregap.store;

import dev.caregap.respondent.Respondent;
import dev.caregap.results.Folders;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The identities of an export's included respondents, put in key order (the id's hash, respondent id, segment, row)
 * as the export is read, so that the identity index takes them in order at the end and a respondent id the export
 * repeats is found next to itself. Memory stays bounded: every {@link #RUN} identities are sorted and written to a
 * temporary file, and {@link #sorted()} merges those runs as it is read. The files hold what respondent_identity holds (a
 * respondent id, no personal data) and are removed on {@link #close()}.
 */
final class IdentitySort implements Closeable {

    static final String PREFIX = "caregap-identities-";
    private static final Duration LEFT_BEHIND = Duration.ofDays(1);

    /** Identities sorted in memory before they go to a file: a few megabytes. */
    static final int RUN = 50_000;

    /**
     * The identity index's order (the id's hash, see IdentityHash), then respondent id, segment and row, so an id the
     * export repeats sits together. Written out rather than composed: a million identities are compared some twenty
     * million times.
     */
    static final Comparator<StoredIdentity> KEY_ORDER = (a, b) -> {
        int byHash = Long.compare(a.idHash(), b.idHash());
        if (byHash != 0) {
            return byHash;
        }
        int byId = a.respondentId().compareTo(b.respondentId());
        if (byId != 0) {
            return byId;
        }
        int bySegment = a.segment().compareTo(b.segment());
        return bySegment != 0 ? bySegment : Long.compare(a.row(), b.row());
    };

    private final int runSize;
    private final List<StoredIdentity> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<DataInputStream> open = new ArrayList<>();
    private Path folder;

    IdentitySort() {
        this(RUN);
    }

    IdentitySort(int runSize) {
        this.runSize = runSize;
    }

    /** Keeps the respondent's identity if it has one that counts: included, with a respondent id and a segment. */
    void add(Respondent respondent) {
        if (respondent.included() && respondent.respondentId() != null && respondent.segment() != null) {
            add(new StoredIdentity(respondent.segment(), ExportStore.shorten(respondent.respondentId(), 200),
                    respondent.row(), respondent.endedAt()));
        }
    }

    void add(StoredIdentity identity) {
        buffer.add(identity);
        if (buffer.size() >= runSize) {
            spill();
        }
    }

    /** Every identity added, in key order; each call goes over them anew (merging the runs again from their files). */
    Iterator<StoredIdentity> sorted() {
        buffer.sort(KEY_ORDER);
        if (runs.isEmpty()) {
            return List.copyOf(buffer).iterator();
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        PriorityQueue<Run> heads = new PriorityQueue<>(Comparator.comparing(Run::head, KEY_ORDER));
        for (Path run : runs) {
            Run reader = new Run(open(run));
            if (reader.advance()) {
                heads.add(reader);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public StoredIdentity next() {
                Run run = heads.poll();
                if (run == null) {
                    throw new NoSuchElementException();
                }
                StoredIdentity next = run.head;
                if (run.advance()) {
                    heads.add(run);
                }
                return next;
            }
        };
    }

    private void spill() {
        buffer.sort(KEY_ORDER);
        try {
            if (folder == null) {
                folder = Files.createTempDirectory(PREFIX);
                removeLeftBehind(folder.getParent());
            }
            Path run = folder.resolve("run-" + runs.size());
            try (RunWriter out = new RunWriter(Files.newOutputStream(run))) {
                for (StoredIdentity identity : buffer) {
                    out.write(identity);
                }
            }
            runs.add(run);
            buffer.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export's identities to a temporary file", e);
        }
    }

    /**
     * Removes the run files of sorts that a killed service never closed: folders of ours untouched for a day (no sort
     * takes that long, and another instance on this machine keeps its own folder in use).
     */
    private static void removeLeftBehind(Path temporary) {
        Instant before = Instant.now().minus(LEFT_BEHIND);
        try (Stream<Path> folders = Files.list(temporary)) {
            for (Path old : folders.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                try {
                    if (Files.getLastModifiedTime(old).toInstant().isBefore(before)) {
                        Folders.delete(old);
                    }
                } catch (IOException e) {
                    // removed meanwhile, or not ours to remove: tried again at the next sort that spills
                }
            }
        } catch (IOException e) {
            // the temporary folder cannot be listed: nothing of ours to find there
        }
    }

    private DataInputStream open(Path run) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
            open.add(in);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the export's identities back from " + run, e);
        }
    }

    /** The next identity of a run, or null at its end. */
    private static StoredIdentity read(DataInputStream in) throws IOException {
        String segment;
        try {
            segment = readText(in);
        } catch (EOFException end) {
            return null;
        }
        String respondentId = readText(in);
        long idHash = in.readLong();
        long row = in.readLong();
        Instant ended = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        return new StoredIdentity(segment, respondentId, idHash, row, ended);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Writes a run's identities as {@link #read} takes them back, into a buffer of its own: one thread writes a run,
     * and a DataOutputStream over a BufferedOutputStream (a locked call for every number and text) took 0.44 s for a
     * million identities where this takes 0.31 s, more than the sort itself, on the reading thread.
     */
    private static final class RunWriter implements Closeable {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int used;

        RunWriter(OutputStream out) {
            this.out = out;
        }

        void write(StoredIdentity identity) throws IOException {
            text(identity.segment());
            text(identity.respondentId());
            number(identity.idHash(), Long.BYTES);
            number(identity.row(), Long.BYTES);
            Instant ended = identity.endedAt();
            room(1 + Long.BYTES + Integer.BYTES);
            buffer[used++] = (byte) (ended != null ? 1 : 0);
            if (ended != null) {
                number(ended.getEpochSecond(), Long.BYTES);
                number(ended.getNano(), Integer.BYTES);
            }
        }

        private void text(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            number(bytes.length, Integer.BYTES);
            if (bytes.length > buffer.length - used) {
                drain();
                if (bytes.length > buffer.length) {
                    out.write(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }

        /** The number's lowest {@code bytes} bytes, highest first (as DataInputStream reads them). */
        private void number(long value, int bytes) throws IOException {
            room(bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                buffer[used++] = (byte) (value >>> shift);
            }
        }

        private void room(int bytes) throws IOException {
            if (buffer.length - used < bytes) {
                drain();
            }
        }

        private void drain() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
        }

        @Override
        public void close() throws IOException {
            try (out) {
                drain();
            }
        }
    }

    /** A run read back, one identity ahead. */
    private static final class Run {
        private final DataInputStream in;
        private StoredIdentity head;

        Run(DataInputStream in) {
            this.in = in;
        }

        StoredIdentity head() {
            return head;
        }

        boolean advance() {
            try {
                head = read(in);
                return head != null;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the export's identities back", e);
            }
        }
    }

    @Override
    public void close() {
        for (DataInputStream in : open) {
            try {
                in.close();
            } catch (IOException ignored) {
                // removed below either way
            }
        }
        open.clear();
        buffer.clear();
        try {
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
            if (folder != null) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the temporary files of the export's identities in " + folder, e);
        }
        runs.clear();
    }
}
