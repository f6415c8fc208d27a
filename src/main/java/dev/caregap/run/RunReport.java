package dev.caregap.run;

import dev.caregap.figures.Figure;
import dev.caregap.quality.ExportQuality;
import dev.caregap.study.Study;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a study found: the figures over all included respondents so far, and the
 * data-quality account of every export that went into them.
 *
 * @param runId      the run's number in the store
 * @param name       the run's folder name under results/&lt;study&gt;/, e.g. {@code run-00042}
 * @param study      the study
 * @param trigger    the file name of the export whose arrival started the run
 * @param finishedAt when the figures were computed
 * @param figures    every figure: totals and breakdowns
 * @param quality    one entry per export of the study, oldest first
 * @param lastExport the newest export the run covers: deliverables read respondents up to it, so they show
 *                   what the figures counted even when another export lands meanwhile
 * @param previous   the study's run delivered before this one, or null for the first
 */
public record RunReport(long runId, String name, Study study, String trigger, Instant finishedAt,
                        List<Figure> figures, List<ExportQuality> quality, long lastExport, PreviousRun previous) {

    public RunReport {
        figures = List.copyOf(figures);
        quality = List.copyOf(quality);
    }

    /** A run with nothing delivered before it. */
    public RunReport(long runId, String name, Study study, String trigger, Instant finishedAt,
                     List<Figure> figures, List<ExportQuality> quality, long lastExport) {
        this(runId, name, study, trigger, finishedAt, figures, quality, lastExport, null);
    }

    public Optional<PreviousRun> previousRun() {
        return Optional.ofNullable(previous);
    }

    public long respondentsIncluded() {
        return quality.stream().mapToLong(ExportQuality::included).sum();
    }
}
