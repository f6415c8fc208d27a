package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.run.RunReport;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A headline gap of a run with its two sides, as the study defines them (a {@link Measure#GAP} figure marked
 * headline: its minuend and subtrahend figures), and the same gap in the run delivered before, if any.
 *
 * @param spec       the gap's definition
 * @param gap        its total row
 * @param minuend    the side subtracted from (brands), total row
 * @param subtrahend the side subtracted (consumers), total row
 * @param previous   the gap in the previous run, when there is one and it reported it
 * @param minuendSeries    the colour of the minuend's bars: its segment's place in the study, so that each
 *                         segment keeps its colour whichever side of a gap it is on
 * @param subtrahendSeries the same for the subtrahend
 */
public record HeadlineGap(FigureSpec spec, Figure gap, Figure minuend, Figure subtrahend, FigureSpec minuendSpec,
                          FigureSpec subtrahendSpec, Optional<Figure> previous, int minuendSeries, int subtrahendSeries) {

    /** The run's headline gaps in the study's order; those the run has no total for (an audience's) are left out. */
    public static List<HeadlineGap> of(RunReport run) {
        RunFigures figures = new RunFigures(run.figures());
        Optional<RunFigures> before = run.previousRun().map(p -> new RunFigures(p.figures()));
        List<HeadlineGap> gaps = new ArrayList<>();
        for (FigureSpec spec : run.study().figures()) {
            if (spec.measure() != Measure.GAP || !spec.headline()) {
                continue;
            }
            Optional<FigureSpec> minuendSpec = run.study().figure(spec.minuend());
            Optional<FigureSpec> subtrahendSpec = run.study().figure(spec.subtrahend());
            Optional<Figure> gap = figures.total(spec.id());
            Optional<Figure> minuend = figures.total(spec.minuend());
            Optional<Figure> subtrahend = figures.total(spec.subtrahend());
            if (gap.isPresent() && minuend.isPresent() && subtrahend.isPresent() && minuendSpec.isPresent()
                    && subtrahendSpec.isPresent()) {
                gaps.add(new HeadlineGap(spec, gap.get(), minuend.get(), subtrahend.get(), minuendSpec.get(),
                        subtrahendSpec.get(), before.flatMap(b -> b.matching(gap.get())),
                        Series.ofSegment(run.study(), minuend.get().question()),
                        Series.ofSegment(run.study(), subtrahend.get().question())));
            }
        }
        return gaps;
    }

    /** "brands", as the subject line names the side. */
    public String minuendName() {
        return StudyNames.side(minuendSpec);
    }

    public String subtrahendName() {
        return StudyNames.side(subtrahendSpec);
    }

    public String label() {
        return spec.label() == null ? spec.id() : spec.label();
    }

    public boolean lowBase() {
        return gap.lowBase() || minuend.lowBase() || subtrahend.lowBase();
    }
}
