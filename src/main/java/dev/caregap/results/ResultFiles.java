package dev.caregap.results;

import dev.caregap.report.Audience;
import dev.caregap.report.workbook.ReportWorkbook;
import dev.caregap.report.page.ReportPage;
import dev.caregap.report.workbook.ResponseRows;
import dev.caregap.run.IssueSource;
import dev.caregap.run.ResponseSource;
import dev.caregap.run.RunReport;
import dev.caregap.study.FolderName;
import dev.caregap.study.Study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the result files of one run of a study into {@code <results>/<study id>/<run name>/}:
 * <ul>
 *   <li>{@code figures.csv} - one row per figure: percent (points for a gap) and its 95% interval
 *       rounded half up to one decimal for people, the unrounded shares for recomputing, counts, bases,
 *       effective base, z and p of a gap, low-base flag and rank;</li>
 *   <li>{@code figures.json} - the run, the headline figures as people read them, and every figure
 *       with all its fields as numbers (null where there is none);</li>
 *   <li>{@code data-quality.csv} - one row per export: rows read, included, excluded for each reason,
 *       answers set missing;</li>
 *   <li>{@code data-quality-reasons.csv} - the reasons behind those counts, in plain words: per export,
 *       each exclusion reason ({@code what} = "respondents excluded") and each column and reason of the
 *       values set missing or corrected ({@code what} = "answers set missing"), with their counts;</li>
 *   <li>{@code responses.csv} - the cleaned tidy data of the included respondents, one column per
 *       question of the study, answers as option texts (put together from each export's rows, written once:
 *       see {@link ExportResponses});</li>
 *   <li>{@code data-issues.csv} - every value set missing or corrected: file, row, column, value, reason;</li>
 *   <li>{@code report.xlsx} - the run as a workbook for people: summary with a chart of the gaps, every
 *       figure, a crosstab per breakdown with significance letters, data quality, the first responses (read
 *       back from responses.csv; see {@link ReportWorkbook});</li>
 *   <li>{@code run.json} - the run's manifest: the exports it covers, its times, its status;</li>
 *   <li>{@code report.html} - one self-contained page with charts, for people (see {@link ReportPage}).</li>
 * </ul>
 * All files are UTF-8; the CSV files have a header row, commas and RFC 4180 quoting, and no cell that
 * a spreadsheet would run as a formula (see {@link SafeCsv}).
 *
 * <p>A run's files come in two steps: {@link #write(RunReport, IssueSource)} writes every file but
 * responses.csv and report.xlsx into {@code <run name>.partial} and renames the folder when complete, so a
 * reader never sees half-written results; {@link #addResponses} then adds responses.csv and report.xlsx, each
 * written under a {@code .partial} name and renamed. Writing a run that was written before replaces its folder; the
 * copies of the summary e-mails sent ({@code mail/}) are carried over, as nothing writes them again.
 * {@link #pointLatest} points {@code <study id>/latest} at the run (a relative symbolic link, or a copy
 * where links are not supported) and {@code <study id>/LATEST.txt} names it; {@link #prune} removes old runs.
 */
public final class ResultFiles {

    private static final String PARTIAL = ".partial";
    private static final String REPLACED = ".replaced";
    /** The copies of the run's summary e-mails as sent (written by the summary-mail delivery, not here). */
    public static final String MAIL = "mail";
    private static final Pattern RUN_FOLDER = Pattern.compile("run-[0-9]+");

    /** Rows of the workbook's Responses sheet unless set: a workbook is for looking, responses.csv holds them all. */
    public static final int WORKBOOK_RESPONSES = 100_000;

    private final Path resultsRoot;
    private final LatestPointer latest;
    private final ExportResponses exportResponses;
    private final int workbookResponses;

    public ResultFiles(Path resultsRoot) {
        this(resultsRoot, null, WORKBOOK_RESPONSES);
    }

    /**
     * @param exportResponses   where each export's rows of responses.csv are kept (for {@link #write(RunReport,
     *                          StoredResponses, IssueSource)})
     * @param workbookResponses rows of the workbook's Responses sheet at most, its header and closing note among them
     */
    public ResultFiles(Path resultsRoot, ExportResponses exportResponses, int workbookResponses) {
        this(resultsRoot, new LatestPointer(), exportResponses, workbookResponses);
    }

    ResultFiles(Path resultsRoot, LatestPointer latest) {
        this(resultsRoot, latest, null, WORKBOOK_RESPONSES);
    }

    private ResultFiles(Path resultsRoot, LatestPointer latest, ExportResponses exportResponses, int workbookResponses) {
        if (workbookResponses < 3 || workbookResponses > 1_048_576) {
            throw new IllegalArgumentException("the workbook's Responses sheet holds from 3 rows (a header, a respondent "
                    + "and a note) to Excel's 1,048,576: not " + workbookResponses);
        }
        this.resultsRoot = resultsRoot;
        this.latest = latest;
        this.exportResponses = exportResponses;
        this.workbookResponses = workbookResponses;
    }

    /**
     * Writes the run's figures into resultsRoot/&lt;study id&gt;/&lt;report.name()&gt;/: every file but responses.csv and
     * report.xlsx, which {@link #addResponses} adds; returns that folder. They are small and come from the run's
     * figures and the counts each export keeps, so the figures are read while the response files are still being
     * written. A run written before keeps its responses.csv and report.xlsx until they are added again.
     */
    public Path write(RunReport report, IssueSource issues) {
        return writeFolder(report, partial -> writeFigures(partial, report, issues), true);
    }

    /**
     * Adds responses.csv, put together from each export's file of rows (see {@link ResponsesCsv#combine}), and
     * report.xlsx to the run's folder written by {@link #write(RunReport, IssueSource)}: each is written under a
     * {@code .partial} name beside the others and renamed when both are whole. Returns the folder, or empty when
     * there is none (the run's folder was removed as one of the older runs).
     */
    public Optional<Path> addResponses(RunReport report, StoredResponses responses) {
        if (exportResponses == null) {
            throw new IllegalStateException("no folder for the exports' responses was given");
        }
        Path runFolder = runFolder(report);
        if (!Files.isDirectory(runFolder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path responsesCsv = runFolder.resolve(ResponsesCsv.FILE + PARTIAL);
        Path workbook = runFolder.resolve(ReportWorkbook.FILE + PARTIAL);
        try {
            try {
                writeResponses(responsesCsv, workbook, report,
                        (file, study) -> ResponsesCsv.combine(file, study, responses, exportResponses));
                Folders.moveReplacing(responsesCsv, runFolder.resolve(ResponsesCsv.FILE));
                Folders.moveReplacing(workbook, runFolder.resolve(ReportWorkbook.FILE));
            } catch (IOException | RuntimeException e) {
                removeQuietly(responsesCsv, e);
                removeQuietly(workbook, e);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not add responses.csv and report.xlsx to " + runFolder, e);
        }
        return Optional.of(runFolder);
    }

    /** Writes every file of the run at once, responses.csv from the streamed respondents; returns the run's folder. */
    public Path write(RunReport report, ResponseSource responses, IssueSource issues) {
        return writeFolder(report, partial -> {
            writeFigures(partial, report, issues);
            writeResponses(partial.resolve(ResponsesCsv.FILE), partial.resolve(ReportWorkbook.FILE), report,
                    (file, study) -> ResponsesCsv.write(file, study, responses));
        }, false);
    }

    /** Writes responses.csv; returns its rows. */
    @FunctionalInterface
    private interface ResponsesWriting {
        long write(Path file, Study study) throws IOException;
    }

    /**
     * responses.csv written on a thread of its own while the workbook's first sheets are made (each keeps one core
     * busy); the workbook's Responses sheet, read back from responses.csv, waits for it.
     */
    private static final class ResponsesAlongside {
        private final Path file;
        private final CompletableFuture<Long> rows;

        ResponsesAlongside(Path file, RunReport report, ResponsesWriting responses) {
            this.file = file;
            this.rows = CompletableFuture.supplyAsync(() -> {
                try {
                    return responses.write(file, report.study());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, task -> {
                Thread thread = new Thread(task, "responses-csv-" + report.name());
                thread.setDaemon(true);
                thread.start();
            });
        }

        /** The rows of the written file, read once it is whole. */
        ResponseRows rows() {
            return row -> {
                long total;
                try {
                    total = written();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return ResponsesCsv.rows(file, total).forEach(row);
            };
        }

        /** Waits until the file is written; returns its rows, or throws what writing it threw. */
        long written() throws IOException {
            try {
                return rows.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        /** Waits until writing the file has ended, however it ended. */
        void ended() {
            try {
                rows.join();
            } catch (RuntimeException ignored) {
                // what went wrong there is not what the caller reports
            }
        }
    }

    /** What goes into the folder being written. */
    @FunctionalInterface
    private interface FolderWriting {
        void write(Path partial) throws IOException;
    }

    /**
     * Writes the run's folder as {@code <run name>.partial}, then renames it; a failure leaves nothing half-written
     * behind and the previous results stay latest. A folder it replaces hands on its copies of the summary e-mails
     * sent and, with {@code keepResponses}, its responses.csv and report.xlsx.
     */
    private Path writeFolder(RunReport report, FolderWriting files, boolean keepResponses) {
        Path runFolder = runFolder(report);
        Path studyFolder = runFolder.getParent();
        Path partial = studyFolder.resolve(runFolder.getFileName() + PARTIAL);
        try {
            Files.createDirectories(studyFolder);
            Folders.delete(partial);
            Files.createDirectory(partial);
            try {
                files.write(partial);
                handOnMail(runFolder, partial);
                if (keepResponses) {
                    handOn(runFolder, partial, ResponsesCsv.FILE);
                    handOn(runFolder, partial, ReportWorkbook.FILE);
                }
            } catch (IOException | RuntimeException e) {
                removeQuietly(partial, e);
                throw e;
            }
            complete(partial, runFolder);
            return runFolder;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results of " + runFolder.getFileName() + " of study "
                    + studyFolder.getFileName() + " into " + studyFolder, e);
        }
    }

    /** resultsRoot/&lt;study id&gt;/&lt;run name&gt;, both checked to be plain folder names the run may take. */
    private Path runFolder(RunReport report) {
        String studyId = folderName(report.study().id(), "study id");
        String runName = folderName(report.name(), "run name");
        if (runName.equals(LatestPointer.LINK) || runName.equals(LatestPointer.NAME_FILE)
                || runName.endsWith(PARTIAL) || runName.endsWith(REPLACED)) {
            throw new IllegalArgumentException("run name '" + runName + "' is reserved in a study's results folder");
        }
        return resultsRoot.resolve(studyId).resolve(runName);
    }

    /** The files that come from the run's figures and the counts each export keeps: small, and first. */
    private static void writeFigures(Path folder, RunReport report, IssueSource issues) throws IOException {
        FiguresCsv.write(folder.resolve(FiguresCsv.FILE), report.figures());
        FiguresJson.write(folder.resolve(FiguresJson.FILE), report);
        DataQualityCsv.write(folder, report.quality());
        RunManifest.write(folder.resolve(RunManifest.FILE), report);
        ReportPage.write(report, Audience.EVERYONE, folder.resolve(ReportPage.FILE));
        IssuesCsv.write(folder.resolve(IssuesCsv.FILE), issues);
    }

    /**
     * responses.csv on a thread of its own while the workbook's first sheets are made; the workbook's Responses sheet
     * is read back from responses.csv. Nothing writes into either file once this has returned or thrown.
     */
    private void writeResponses(Path responsesFile, Path workbookFile, RunReport report, ResponsesWriting responses)
            throws IOException {
        ResponsesAlongside responsesCsv = new ResponsesAlongside(responsesFile, report, responses);
        try {
            ReportWorkbook.write(report, Audience.EVERYONE, responsesCsv.rows(), workbookFile, workbookResponses);
            responsesCsv.written();
        } catch (IOException | RuntimeException e) {
            responsesCsv.ended();  // nothing may write into the file once it is removed
            throw e;
        }
    }

    /** Gives the new folder a file of the folder it replaces, unless it has its own. */
    private static void handOn(Path runFolder, Path partial, String file) throws IOException {
        Path old = runFolder.resolve(file);
        Path kept = partial.resolve(file);
        if (Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS) && !Files.exists(kept)) {
            try {
                Files.createLink(kept, old);  // the old folder keeps it too until it is replaced
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(old, kept);
            }
        }
    }

    /**
     * Gives the new folder the copies of the summary e-mails sent of the folder it replaces: they are sent once, so
     * nothing would write them again. A copy still being written ({@code .partial}) is not one of them.
     */
    private static void handOnMail(Path runFolder, Path partial) throws IOException {
        Path old = runFolder.resolve(MAIL);
        if (!Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path kept = Files.createDirectories(partial.resolve(MAIL));
        try (Stream<Path> copies = Files.list(old)) {
            for (Path copy : (Iterable<Path>) copies::iterator) {
                String name = copy.getFileName().toString();
                if (!name.endsWith(PARTIAL)) {
                    handOn(old, kept, name);
                }
            }
        }
    }

    /**
     * Points the study's {@code latest} at a written run, unless it already names a newer one; pointing at it again
     * after {@link #addResponses} brings a copy (where links are not supported) up to date. Instances must not call
     * this for one study at the same time (the caller holds the study's lock).
     */
    public void pointLatest(String study, String runName) {
        Path studyFolder = resultsRoot.resolve(folderName(study, "study id"));
        try {
            latest.pointAt(studyFolder, folderName(runName, "run name"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not point " + studyFolder.resolve(LatestPointer.LINK) + " at " + runName, e);
        }
    }

    /**
     * Removes the study's oldest run folders beyond the newest {@code keep}; the run {@code latest} names is
     * always kept. Folders being written ({@code .partial}) are left alone.
     */
    public void prune(String study, int keep) {
        Path studyFolder = resultsRoot.resolve(folderName(study, "study id"));
        try (Stream<Path> entries = Files.list(studyFolder)) {
            String current = LatestPointer.current(studyFolder);
            List<Path> runs = entries.filter(p -> RUN_FOLDER.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().length())
                            .thenComparing(p -> p.getFileName().toString()).reversed())
                    .toList();
            for (Path old : runs.subList(Math.min(Math.max(keep, 0), runs.size()), runs.size())) {
                if (!old.getFileName().toString().equals(current)) {
                    Folders.delete(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove old run folders of " + studyFolder, e);
        }
    }

    private static void removeQuietly(Path partial, Exception cause) {
        try {
            Folders.delete(partial);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }


    /** Renames the finished partial folder to the run folder, replacing a run written before. */
    private static void complete(Path partial, Path runFolder) throws IOException {
        Path replaced = runFolder.resolveSibling(runFolder.getFileName() + REPLACED);
        boolean replacing = Files.exists(runFolder, LinkOption.NOFOLLOW_LINKS);
        if (replacing) {
            Folders.delete(replaced);
            Files.move(runFolder, replaced);
        }
        try {
            Files.move(partial, runFolder, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, runFolder);
        }
        if (replacing) {
            Folders.delete(replaced);
        }
    }

    static String folderName(String name, String what) {
        if (!FolderName.fits(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' cannot be a folder name");
        }
        return name;
    }
}
