package dev.caregap.bench;

import dev.caregap.cleaning.Cleaner;
import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.figures.FigureTallies;
import dev.caregap.quality.ExportCount;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Respondent;
import dev.caregap.store.ExportRepeats;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The analysis alone of one export (read, clean, figures; nothing stored), done as the service's reading thread does
 * it: each response parsed, cleaned, counted and added to the figure tallies, while a second thread sorts the included
 * identities to find the respondent ids the export repeats (the storing thread's sort, with nothing written). Without
 * a repeat, the tallies are the export's figures as its run computes them; the run takes a repeat's earlier response
 * off from the stored rows, which this does not keep, so the result says how many there were.
 */
final class AnalysisAlone {

    /** Respondents handed to the sorting thread at once, and how many such chunks may wait for it (as the service). */
    private static final int CHUNK = 2_000;
    private static final int IN_FLIGHT = 3;

    /**
     * @param seconds   from opening the file to the figures computed
     * @param repeated  responses whose identity an earlier one of the export has: the figures count them as well
     * @param headline  consumers who feel cared for, in total (the figure DuckDB's anchor computes too)
     */
    record Result(double seconds, double figureSeconds, long rows, long included, long repeated, int figures,
                  Figure headline) {
    }

    private AnalysisAlone() {
    }

    static Result of(ExportReader reader, Path file) throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        ExecutorService sorting = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "caregap-analysis-identities");
            thread.setDaemon(true);
            return thread;
        });
        try (Export export = reader.open(file); ExportRepeats repeats = new ExportRepeats()) {
            Cleaner cleaner = new Cleaner(export.study());
            FigureTallies tallies = new FigureTallies(export.study());
            ExportCount counted = new ExportCount();
            ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
            List<Respondent> chunk = new ArrayList<>(CHUNK);
            while (export.hasNext()) {
                Respondent respondent = cleaner.clean(export.next()).respondent();
                tallies.add(respondent);
                counted.add(respondent);
                chunk.add(respondent);
                if (chunk.size() == CHUNK || !export.hasNext()) {
                    while (inFlight.size() >= IN_FLIGHT) {
                        inFlight.poll().get();
                    }
                    List<Respondent> handed = chunk;
                    inFlight.add(sorting.submit(() -> handed.forEach(repeats::add)));
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().get();
            }
            long repeated = repeats.repeated();
            long read = System.nanoTime();
            List<Figure> figures = new FigureCalculator(tallies).figures();
            long end = System.nanoTime();
            Figure headline = figures.stream()
                    .filter(figure -> figure.figure().equals("consumers_feel_cared_for") && figure.isTotal())
                    .findFirst().orElseThrow();
            return new Result((end - start) / 1e9, (end - read) / 1e9, counted.rows(), counted.included(), repeated,
                    figures.size(), headline);
        } finally {
            sorting.shutdownNow();
        }
    }
}
