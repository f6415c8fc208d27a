package dev.caregap.report.page;

import dev.caregap.figures.Figure;
import dev.caregap.report.BarChart;
import dev.caregap.report.HeadlineGap;
import dev.caregap.report.Html;
import dev.caregap.report.Numbers;
import dev.caregap.report.RunFigures;
import dev.caregap.report.StudyNames;
import dev.caregap.run.RunReport;
import dev.caregap.study.Breakdown;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One section per breakdown of the study that the run has figures for (an audience of one group has none): the
 * headline gaps group by group as paired bars, where both sides are broken down, and a table of every figure of
 * one answer (and every gap) with the groups across.
 */
final class BreakdownSections {

    private final RunReport run;
    private final RunFigures figures;
    private final List<HeadlineGap> gaps;
    private final StringBuilder page;

    BreakdownSections(RunReport run, List<HeadlineGap> gaps, StringBuilder page) {
        this.run = run;
        this.figures = new RunFigures(run.figures());
        this.gaps = gaps;
        this.page = page;
    }

    void all() {
        for (Breakdown breakdown : run.study().breakdowns()) {
            if (figures.hasBreakdown(breakdown.id())) {
                section(breakdown);
            }
        }
    }

    private void section(Breakdown breakdown) {
        String name = breakdown.label() == null || breakdown.label().isBlank() ? breakdown.id() : breakdown.label();
        List<String> groups = figures.groups(breakdown.id());
        page.append("<section id=\"").append(Html.escape(FigureSections.anchor("by-" + breakdown.id()))).append("\">\n<h2>By ")
                .append(Html.escape(StudyNames.sentenceCase(name))).append("</h2>\n");
        for (HeadlineGap gap : gaps) {
            List<BarChart.Row> rows = new ArrayList<>();
            for (String group : groups) {
                Optional<Figure> g = row(gap.spec().id(), breakdown.id(), group);
                Optional<Figure> a = row(gap.minuendSpec().id(), breakdown.id(), group);
                Optional<Figure> b = row(gap.subtrahendSpec().id(), breakdown.id(), group);
                if (g.isPresent() && a.isPresent() && b.isPresent()) {
                    rows.add(new BarChart.Row(group + ": gap " + Numbers.points(g.get().share())
                            + (g.get().lowBase() ? " *" : ""),
                            List.of(BarChart.Bar.of(a.get(), gap.minuendName(), gap.minuendSeries()),
                                    BarChart.Bar.of(b.get(), gap.subtrahendName(), gap.subtrahendSeries()))));
                }
            }
            if (!rows.isEmpty()) {
                page.append("<h3>").append(Html.escape(gap.label())).append("</h3>\n")
                        .append(SvgBars.draw(new BarChart(rows), gap.label() + " by " + name));
            }
        }
        table(breakdown, groups);
        page.append("</section>\n");
    }

    private void table(Breakdown breakdown, List<String> groups) {
        List<FigureSpec> specs = run.study().figures().stream().filter(s -> s.measure() == Measure.GAP
                || (s.measure() != Measure.EACH_OPTION && s.questions().size() == 1)).toList();
        StringBuilder rows = new StringBuilder();
        for (FigureSpec spec : specs) {
            List<Figure> inGroups = figures.inBreakdown(spec.id(), breakdown.id());
            if (inGroups.isEmpty()) {
                continue;
            }
            rows.append("<tr><td>").append(Html.escape(FigureSections.label(spec))).append("</td>");
            for (String group : groups) {
                Optional<Figure> f = inGroups.stream().filter(x -> group.equals(x.group())).findFirst();
                rows.append("<td>").append(f.map(x -> FigureSections.value(x)
                        + (x.question() == null ? "" : "<br><span class=\"base\">" + Numbers.count(x.base()) + "</span>"))
                        .orElse("")).append("</td>");
            }
            rows.append("</tr>\n");
        }
        if (rows.isEmpty()) {
            return;
        }
        page.append("<div class=\"scroll\"><table>\n<thead><tr><th>Figure</th>");
        groups.forEach(g -> page.append("<th>").append(Html.escape(g)).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n").append(rows).append("</tbody></table></div>\n")
                .append("<p class=\"note\">Share (points for a gap) and, below it, the base. Every figure of every group "
                        + "is in figures.csv.</p>\n");
    }

    private Optional<Figure> row(String figureId, String breakdown, String group) {
        return figures.inBreakdown(figureId, breakdown).stream().filter(f -> group.equals(f.group())).findFirst();
    }
}
