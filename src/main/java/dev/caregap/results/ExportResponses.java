package dev.caregap.results;

import dev.caregap.respondent.Respondent;
import dev.caregap.run.ResponseSource;
import dev.caregap.study.Question;
import dev.caregap.study.Study;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Each export's rows of responses.csv, written once: {@code <root>/<study>/columns-<digest>/export-<id>-<content>.csv}
 * holds the rows of the
 * respondents the export counted (every included one, duplicate or not), in row order, as responses.csv writes
 * them but without the export file cell in front (a run adds it as it copies). A run's responses.csv is then these
 * files copied byte for byte, less the rows that are duplicates as the run counted them (see
 * {@link ResponsesCsv#combine}).
 *
 * <p>The files are a cache; the database stays the truth. A file is written as {@code .partial} under a name of
 * its own and renamed only when whole, so a reader never takes half a file; one that is missing or not whole is
 * written again from the database. They hold the cleaned answers only, as responses.csv does: no personal data.
 */
public final class ExportResponses {

    private static final String PARTIAL = ".partial";
    /** A .partial this old was left by a writer that stopped (a crash): no writer takes this long. */
    private static final Duration ABANDONED = Duration.ofDays(1);

    private final Path root;

    public ExportResponses(Path root) {
        this.root = root;
    }

    /**
     * Where the export's rows are kept: named after the export's number and content (a database made anew numbers
     * its exports again) in a folder named after the study's questions and options as responses.csv shows them (a
     * study whose definition changed writes its files again).
     */
    public Path file(Study study, long exportId, String contentHash) {
        String content = contentHash == null ? "" : "-" + contentHash.substring(0, Math.min(16, contentHash.length()));
        return folder(study).resolve("export-" + exportId + content + ".csv");
    }

    private Path folder(Study study) {
        return root.resolve(ResultFiles.folderName(study.id(), "study id")).resolve(columns(study));
    }

    /** A digest of what the rows' cells depend on besides the stored answers: the questions, their types and options. */
    static String columns(Study study) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Question question : study.questions()) {
                StringBuilder text = new StringBuilder(question.id()).append('\u0000').append(question.type()).append('\u0000');
                question.options().forEach(o -> text.append(o.code()).append('=').append(o.text()).append('\u0000'));
                digest.update(text.append('\u0001').toString().getBytes(StandardCharsets.UTF_8));
            }
            return "columns-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /**
     * A writer of the export's rows; {@link Writer#complete()} puts the file in place, closing it before that leaves
     * nothing. {@code exact} says whether a respondent reads back from the database as it is here; when one does
     * not, no file is written (the database writes it when a run first needs it).
     */
    public Writer writer(Study study, long exportId, String contentHash, Predicate<Respondent> exact) {
        Path target = file(study, exportId, contentHash);
        // a name of its own: another instance may write the same export's file from the database at the same time
        Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + PARTIAL);
        SafeCsv csv;
        try {
            Files.createDirectories(target.getParent());
            csv = SafeCsv.rowsOnly(partial);
        } catch (IOException | RuntimeException e) {
            csv = null;  // no file: written from the database when a run needs it
        }
        return new Writer(study, target, partial, csv, exact);
    }

    /** Writes the export's file from the respondents it counted (from the database), replacing any. */
    void writeFrom(Study study, long exportId, String contentHash, ResponseSource counted) throws IOException {
        try (Writer writer = writer(study, exportId, contentHash, r -> true)) {
            counted.forEach((file, respondent) -> writer.add(respondent));
            if (writer.failed || !writer.complete()) {
                throw new IOException("could not write " + file(study, exportId, contentHash));
            }
        }
    }

    /**
     * Copies the export's rows to {@code out}, each after {@code leadingCell} (the export file cell and its comma),
     * leaving out those whose row number {@code drop} says; returns the rows copied, or -1 when the file is missing
     * or not whole (then some of it may have been copied: the caller takes it back).
     */
    long copy(Study study, long exportId, String contentHash, byte[] leadingCell, LongPredicate drop, OutputStream out) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file(study, exportId, contentHash));
        } catch (NoSuchFileException e) {
            return -1;
        }
        try (in) {
            return new RowCopier(in, leadingCell, drop, out).copy();
        }
    }

    /**
     * Removes .partial files their writers left behind (a crash between writing and renaming), and the folders of
     * the study's earlier definitions that no one wrote into for a day (an instance still on the old definition,
     * while instances are upgraded one by one, keeps its folder in use; a removed file is only written again).
     */
    void removeAbandoned(Study study) throws IOException {
        Path folder = folder(study);
        Instant before = Instant.now().minus(ABANDONED);
        removeEarlierDefinitions(folder, before);
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> partials;
        try (Stream<Path> files = Files.list(folder)) {
            partials = files.filter(p -> p.getFileName().toString().endsWith(PARTIAL)).toList();
        }
        for (Path partial : partials) {
            try {
                if (Files.getLastModifiedTime(partial).toInstant().isBefore(before)) {
                    Files.deleteIfExists(partial);
                }
            } catch (NoSuchFileException e) {
                // renamed or removed meanwhile
            }
        }
    }

    private static void removeEarlierDefinitions(Path current, Instant before) throws IOException {
        if (!Files.isDirectory(current.getParent())) {
            return;
        }
        List<Path> earlier;
        try (Stream<Path> folders = Files.list(current.getParent())) {
            earlier = folders.filter(p -> p.getFileName().toString().startsWith("columns-") && !p.equals(current)).toList();
        }
        for (Path folder : earlier) {
            try {
                if (Files.getLastModifiedTime(folder).toInstant().isBefore(before)) {
                    Folders.delete(folder);
                }
            } catch (IOException e) {
                // removed meanwhile by another instance, or not removable now: a cache, tried again at the next run
            }
        }
    }

    /** Writes one export's rows into its .partial; {@link #complete()} renames it into place. */
    public static final class Writer implements Closeable {

        private final ResponseColumns columns;
        private final StringBuilder row = new StringBuilder(1 << 10);
        private final Path target;
        private final Path partial;
        private final SafeCsv csv;
        private final Predicate<Respondent> exact;
        private boolean failed;
        private boolean closed;
        private boolean placed;

        private Writer(Study study, Path target, Path partial, SafeCsv csv, Predicate<Respondent> exact) {
            this.columns = ResponseColumns.of(study);
            this.target = target;
            this.partial = partial;
            this.csv = csv;
            this.exact = exact;
            this.failed = csv == null;
        }

        /**
         * Adds a respondent the export counts (an included one; the others are passed over). Never fails the reading:
         * a file that cannot be written is simply not there, and is written from the database when a run needs it.
         */
        public void add(Respondent respondent) {
            if (!respondent.included() || failed) {
                return;
            }
            if (!exact.test(respondent)) {
                failed = true;
                return;
            }
            try {
                row.setLength(0);
                columns.appendRow(row, respondent);
                csv.row(row);
            } catch (IOException | RuntimeException e) {
                failed = true;
            }
        }

        /**
         * Puts the file in place; false when there is none (a respondent would not read back as written, or the file
         * could not be written). Never throws: it is called as the export is being stored, which a file must not stop.
         */
        public boolean complete() {
            if (closed) {
                return false;
            }
            closed = true;
            try {
                if (csv != null) {
                    csv.close();
                }
                if (!failed) {
                    // on disk before it has its name: after a machine stop a file in place is whole (one the rename
                    // did not reach is missing, and written from the database when a run needs it)
                    try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                        written.force(true);
                    }
                    Folders.moveReplacing(partial, target);
                    placed = true;
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // no file: written from the database when a run needs it
            }
            removeQuietly();
            return false;
        }

        /**
         * Takes back the file {@link #complete()} put in place, when its export did not become stored after all (its
         * commit failed). A stop between the two leaves a file no run reads: runs read the files of stored exports.
         */
        public void withdraw() {
            if (placed) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException | RuntimeException e) {
                    // a file no run reads: its export never counts
                }
            }
        }

        /** Without {@link #complete()}, removes what was written. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    if (csv != null) {
                        csv.close();
                    }
                } catch (IOException | RuntimeException e) {
                    // removed below all the same
                }
                removeQuietly();
            }
        }

        private void removeQuietly() {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException | RuntimeException e) {
                // left behind: removed later as abandoned
            }
        }
    }
}
