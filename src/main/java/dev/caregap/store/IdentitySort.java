package dev.caregap.store;

import dev.caregap.respondent.Respondent;
import dev.caregap.results.Folders;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The identities of an export's included respondents, put in key order (the id's hash, respondent id, segment, row)
 * as the export is read, so that its identities and their run (IdentityRuns) are written in order and a respondent id the export
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
     * A run's order (the id's hash, see IdentityHash), then respondent id, segment and row, so an id the
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
    private final List<RunReader> open = new ArrayList<>();
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
        sortBuffer();
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

    /**
     * Puts the buffer in key order. Sorting objects with a comparator was a fifth of the sort's time: the identities
     * are sorted as numbers instead, each the top bits of its id's hash with its place in the buffer in the bottom
     * bits, and only those sharing the top bits (hardly any) are put in order by the comparator after.
     */
    private void sortBuffer() {
        int n = buffer.size();
        int placeBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        long placeMask = (1L << placeBits) - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (buffer.get(i).idHash() & ~placeMask) | i;  // clearing low bits keeps the hashes' signed order
        }
        Arrays.sort(keys);
        StoredIdentity[] sorted = new StoredIdentity[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = buffer.get((int) (keys[i] & placeMask));
        }
        for (int from = 0; from < n; ) {
            int to = from + 1;
            while (to < n && (keys[to] & ~placeMask) == (keys[from] & ~placeMask)) {
                to++;
            }
            if (to - from > 1) {
                Arrays.sort(sorted, from, to, KEY_ORDER);
            }
            from = to;
        }
        buffer.clear();
        buffer.addAll(Arrays.asList(sorted));
    }

    private void spill() {
        sortBuffer();
        try {
            if (folder == null) {
                folder = Files.createTempDirectory(PREFIX);
                removeLeftBehind(folder.getParent());
            }
            Path run = folder.resolve("run-" + runs.size());
            try (RunWriter out = new RunWriter(Files.newOutputStream(run))) {
                out.segments(buffer);
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

    private RunReader open(Path run) {
        try {
            RunReader in = new RunReader(Files.newInputStream(run));
            open.add(in);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the export's identities back from " + run, e);
        }
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

        private final Map<String, Integer> segments = new HashMap<>();

        /** Writes the run's segments, each once (an export has one or a few, and a million identities). */
        void segments(List<StoredIdentity> identities) throws IOException {
            for (StoredIdentity identity : identities) {
                segments.putIfAbsent(identity.segment(), segments.size());
            }
            String[] inOrder = new String[segments.size()];
            segments.forEach((segment, place) -> inOrder[place] = segment);
            number(inOrder.length, Integer.BYTES);
            for (String segment : inOrder) {
                text(segment);
            }
        }

        void write(StoredIdentity identity) throws IOException {
            number(segments.get(identity.segment()), Integer.BYTES);
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

        /** The number's lowest {@code bytes} bytes, highest first (as RunReader reads them). */
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
        private final RunReader in;
        private String[] segments;
        private StoredIdentity head;

        Run(RunReader in) {
            this.in = in;
        }

        StoredIdentity head() {
            return head;
        }

        boolean advance() {
            try {
                if (segments == null) {
                    segments = new String[in.number(Integer.BYTES)];
                    for (int i = 0; i < segments.length; i++) {
                        segments[i] = in.text();
                    }
                }
                head = read();
                return head != null;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the export's identities back", e);
            }
        }

        /** The next identity, or null at the run's end. */
        private StoredIdentity read() throws IOException {
            if (in.atEnd()) {
                return null;
            }
            String segment = segments[in.number(Integer.BYTES)];
            String respondentId = in.text();
            long idHash = in.longNumber(Long.BYTES);
            long row = in.longNumber(Long.BYTES);
            Instant ended = in.number(1) != 0 ? Instant.ofEpochSecond(in.longNumber(Long.BYTES), in.number(Integer.BYTES)) : null;
            return new StoredIdentity(segment, respondentId, idHash, row, ended);
        }
    }

    /**
     * Reads a run as {@link RunWriter} wrote it, from a buffer of its own: a DataInputStream over a
     * BufferedInputStream takes a lock for every byte of a number, some seventeen for each identity.
     */
    private static final class RunReader implements Closeable {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int at;
        private int end;

        RunReader(InputStream in) {
            this.in = in;
        }

        /** Whether the run has nothing more: it ends only between identities. */
        boolean atEnd() throws IOException {
            return !available(1);
        }

        /** A number of {@code bytes} bytes, highest first; an int is sign-extended as DataInputStream reads it. */
        int number(int bytes) throws IOException {
            return (int) longNumber(bytes);
        }

        long longNumber(int bytes) throws IOException {
            need(bytes);
            long value = 0;
            for (int i = 0; i < bytes; i++) {
                value = (value << 8) | (buffer[at++] & 0xFF);
            }
            return bytes == Integer.BYTES ? (int) value : value;
        }

        String text() throws IOException {
            int length = number(Integer.BYTES);
            if (length <= buffer.length) {
                need(length);
                String text = new String(buffer, at, length, StandardCharsets.UTF_8);
                at += length;
                return text;
            }
            byte[] bytes = new byte[length];
            int copied = end - at;
            System.arraycopy(buffer, at, bytes, 0, copied);
            at = end;
            if (in.readNBytes(bytes, copied, length - copied) != length - copied) {
                throw new EOFException("a run of identities ends inside a respondent id");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private void need(int bytes) throws IOException {
            if (!available(bytes)) {
                throw new EOFException("a run of identities ends inside an identity");
            }
        }

        /** Whether {@code bytes} more bytes are there, refilling the buffer with what follows if need be. */
        private boolean available(int bytes) throws IOException {
            if (end - at >= bytes) {
                return true;
            }
            System.arraycopy(buffer, at, buffer, 0, end - at);
            end -= at;
            at = 0;
            for (int read; end < bytes && (read = in.read(buffer, end, buffer.length - end)) > 0; ) {
                end += read;
            }
            return end >= bytes;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Override
    public void close() {
        for (RunReader in : open) {
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
