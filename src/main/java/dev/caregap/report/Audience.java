package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import dev.caregap.study.Study;

import java.util.List;
import java.util.Objects;

/**
 * Whom a report or summary is for: everyone (every figure), one group of a breakdown (the Australian
 * figures: each figure as counted among Australians, shown as that audience's totals), or one segment (the
 * consumers' figures only, with their breakdowns; gaps span two segments and are left out).
 *
 * @param label     what the audience is called in a report ("Australia", "Consumers"); null for everyone
 * @param breakdown with {@code group}: the breakdown whose group this audience is, e.g. {@code country}
 * @param group     the group's label as the figures name it, e.g. {@code Australia}
 * @param segment   the segment id whose figures this audience gets, e.g. {@code consumers}
 */
public record Audience(String label, String breakdown, String group, String segment) {

    public static final Audience EVERYONE = new Audience(null, null, null, null);

    /** The figures of one group of a breakdown, e.g. {@code group("country", "Australia")}. */
    public static Audience group(String breakdown, String group) {
        return new Audience(group, Objects.requireNonNull(breakdown), Objects.requireNonNull(group), null);
    }

    /** The figures of one segment, e.g. {@code segment("consumers", "Consumers")}. */
    public static Audience segment(String segment, String label) {
        return new Audience(label, null, null, Objects.requireNonNull(segment));
    }

    public boolean everyone() {
        return breakdown == null && segment == null;
    }

    /** The run as this audience sees it: its figures (and the previous run's) kept or recast as above. */
    public RunReport apply(RunReport run) {
        if (everyone()) {
            return run;
        }
        PreviousRun previous = run.previousRun()
                .map(p -> new PreviousRun(p.runId(), p.name(), p.finishedAt(), figures(run.study(), p.figures())))
                .orElse(null);
        return new RunReport(run.runId(), run.name(), run.study(), run.trigger(), run.finishedAt(),
                figures(run.study(), run.figures()), run.quality(), run.lastExport(), previous);
    }

    private List<Figure> figures(Study study, List<Figure> figures) {
        if (breakdown != null) {
            // the group's figures become this audience's totals, in the same order as the run's
            return figures.stream()
                    .filter(f -> breakdown.equals(f.breakdown()) && group.equals(f.group()))
                    .map(f -> new Figure(f.figure(), f.label(), f.measure(), f.question(), f.answer(), Figure.TOTAL,
                            Figure.ALL, f.count(), f.base(), f.share(), f.low(), f.high(), f.effectiveBase(), f.z(), f.p(),
                            f.lowBase(), f.rank()))
                    .toList();
        }
        return figures.stream()
                .filter(f -> f.question() != null && study.question(f.question())
                        .map(q -> segment.equals(q.segment())).orElse(false))
                .toList();
    }
}
