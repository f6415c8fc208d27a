package dev.caregap.ops;

import dev.caregap.results.Percent;
import dev.caregap.store.PipelineFigures;
import dev.caregap.store.PipelineFigures.RunState;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** caregap:type=Study,name=&lt;study&gt;, see {@link StudyMXBean}; one per study. */
final class StudyView implements StudyMXBean {

    private final Study study;
    private final PipelineFigures figures;
    /** The study's headline figures, as its definition marks them. */
    private final List<String> headline;

    StudyView(Study study, PipelineFigures figures) {
        this.study = study;
        this.figures = figures;
        this.headline = study.figures().stream().filter(FigureSpec::headline).map(FigureSpec::id).toList();
    }

    @Override
    public String getStudy() {
        return study.id();
    }

    private long ofFiguresRun(ToLongFunction<RunState> count) {
        return figures.lastRunWithFigures(study.id()).map(count::applyAsLong).orElse(0L);
    }

    @Override
    public long getRespondentsIncluded() {
        return ofFiguresRun(RunState::included);
    }

    @Override
    public long getExcludedIncomplete() {
        return ofFiguresRun(RunState::incomplete);
    }

    @Override
    public long getExcludedIneligible() {
        return ofFiguresRun(RunState::ineligible);
    }

    @Override
    public long getExcludedDuplicate() {
        return ofFiguresRun(RunState::duplicate);
    }

    @Override
    public long getExcludedNoSegment() {
        return ofFiguresRun(RunState::noSegment);
    }

    private Optional<RunState> lastRun() {
        return figures.lastRun(study.id());
    }

    @Override
    public long getLastRun() {
        return lastRun().map(RunState::id).orElse(0L);
    }

    @Override
    public String getLastRunStatus() {
        return lastRun().map(RunState::status).orElse("");
    }

    @Override
    public String getLastRunTime() {
        return lastRun().map(r -> Objects.toString(r.computedAt() != null ? r.computedAt() : r.requestedAt(), "")).orElse("");
    }

    @Override
    public long getLastRunExportsCovered() {
        return lastRun().map(RunState::exportsCovered).orElse(0L);
    }

    @Override
    public String getLastRunReason() {
        return lastRun().map(r -> Objects.toString(r.reason(), "")).orElse("");
    }

    @Override
    public long getFiguresRun() {
        return ofFiguresRun(RunState::id);
    }

    @Override
    public Map<String, Double> getHeadlineFigures() {
        Map<String, Double> shown = new LinkedHashMap<>();
        figures.lastRunWithFigures(study.id()).ifPresent(run -> {
            Map<String, Double> shares = figures.totals(run.id(), headline);
            for (String figure : headline) {
                String percent = Percent.of(shares.getOrDefault(figure, Double.NaN));
                // as figures.csv shows it; a figure without a base has none
                shown.put(figure, percent.isEmpty() ? Double.NaN : Double.parseDouble(percent));
            }
        });
        return shown;
    }
}
