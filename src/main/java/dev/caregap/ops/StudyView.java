package dev.caregap.ops;

import dev.caregap.results.Percent;
import dev.caregap.store.PipelineFigures;
import dev.caregap.store.PipelineFigures.RunState;
import dev.caregap.store.PipelineFigures.TotalRow;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

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
            Map<String, List<TotalRow>> rows = figures.totals(run.id(), headline).stream()
                    .collect(Collectors.groupingBy(TotalRow::figure, LinkedHashMap::new, Collectors.toList()));
            for (String figure : headline) {
                List<TotalRow> each = rows.getOrDefault(figure, List.of());
                if (each.isEmpty()) {
                    shown.put(figure, Double.NaN);
                }
                // a figure of several rows (each option, each industry, each option of each question) is told
                // apart by what differs between them
                boolean byAnswer = distinct(each, TotalRow::answer);
                boolean byQuestion = distinct(each, TotalRow::question);
                for (TotalRow row : each) {
                    String key = each.size() == 1 ? figure : figure + ": " + (byAnswer ? row.answer()
                            : byQuestion ? row.question() : row.question() + " " + row.answer());
                    shown.put(key, percent(row.share()));
                }
            }
        });
        return shown;
    }

    private static boolean distinct(List<TotalRow> rows, java.util.function.Function<TotalRow, String> part) {
        return rows.stream().map(part).distinct().count() == rows.size();
    }

    /** As figures.csv shows it; a figure without a base has none. */
    private static double percent(double share) {
        String percent = Percent.of(share);
        return percent.isEmpty() ? Double.NaN : Double.parseDouble(percent);
    }
}
