package dev.caregap.report.page;

import dev.caregap.figures.Figure;
import dev.caregap.report.BarChart;
import dev.caregap.report.BarLayout;
import dev.caregap.report.Change;
import dev.caregap.report.HeadlineGap;
import dev.caregap.report.Html;
import dev.caregap.report.Numbers;
import dev.caregap.report.RunFigures;
import dev.caregap.report.Series;
import dev.caregap.run.RunReport;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import dev.caregap.study.Question;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sections of the run's totals, chosen by how the study defines each figure: the headline gaps as paired
 * bars, headline shares that are no side of a gap, then every figure of several options (one bar per option,
 * questions side by side) or of several questions (ranked ones in rank order), each titled by its label.
 */
final class FigureSections {

    private final RunReport run;
    private final RunFigures figures;
    private final Optional<RunFigures> previous;
    private final StringBuilder page;

    FigureSections(RunReport run, StringBuilder page) {
        this.run = run;
        this.figures = new RunFigures(run.figures());
        this.previous = run.previousRun().map(p -> new RunFigures(p.figures()));
        this.page = page;
    }

    void headlineGaps(List<HeadlineGap> gaps) {
        if (gaps.isEmpty()) {
            return;
        }
        page.append("<section id=\"headline\">\n<h2>Headline gaps</h2>\n");
        for (HeadlineGap gap : gaps) {
            page.append("<p class=\"lead\"><strong>").append(Html.escape(gap.label())).append(": ")
                    .append(Numbers.points(gap.gap().share())).append("</strong> (95% CI ")
                    .append(Numbers.interval(gap.gap())).append("): ")
                    .append(Html.escape(gap.minuendSpec().label())).append(' ').append(Numbers.percent(gap.minuend().share()))
                    .append(" vs ").append(Html.escape(gap.subtrahendSpec().label())).append(' ')
                    .append(Numbers.percent(gap.subtrahend().share())).append('.')
                    .append(gap.lowBase() ? " <span class=\"low\">* low base</span>" : "")
                    .append(run.previousRun().isPresent() ? " <span class=\"note\">Since "
                            + Html.escape(run.previousRun().get().name()) + ": "
                            + Html.escape(Change.words(gap.gap(), gap.previous())) + ".</span>" : "")
                    .append("</p>\n");
        }
        page.append(SvgBars.draw(BarChart.ofGaps(gaps), "Headline gaps"));
        page.append("<details><summary>Numbers</summary><div class=\"scroll\"><table>\n<thead><tr><th>Gap</th>")
                .append("<th>Side</th><th>Share</th><th>95% CI</th><th>Base</th><th>Gap</th><th>95% CI</th><th>p</th>")
                .append(previousHeader()).append("</tr></thead>\n<tbody>\n");
        for (HeadlineGap gap : gaps) {
            for (int side = 0; side < 2; side++) {
                Figure f = side == 0 ? gap.minuend() : gap.subtrahend();
                FigureSpec spec = side == 0 ? gap.minuendSpec() : gap.subtrahendSpec();
                page.append("<tr><td>").append(side == 0 ? Html.escape(gap.label()) : "").append("</td><td>")
                        .append(Html.escape(spec.label())).append("</td><td>").append(value(f)).append("</td><td>")
                        .append(Numbers.interval(f)).append("</td><td>").append(Numbers.count(f.base())).append("</td>");
                if (side == 0) {
                    page.append("<td rowspan=\"2\">").append(value(gap.gap())).append("</td><td rowspan=\"2\">")
                            .append(Numbers.interval(gap.gap())).append("</td><td rowspan=\"2\">").append(p(gap.gap().p()))
                            .append("</td>");
                    if (previous.isPresent()) {
                        page.append("<td rowspan=\"2\">").append(Html.escape(Change.signed(gap.gap(), gap.previous())))
                                .append("</td>");
                    }
                }
                page.append("</tr>\n");
            }
        }
        page.append("</tbody></table></div></details>\n</section>\n");
    }

    /** Headline shares of one answer that are no side of a headline gap (all of them for one segment's audience). */
    void headlineShares(List<HeadlineGap> gaps) {
        Set<String> sides = new HashSet<>();
        gaps.forEach(g -> {
            sides.add(g.minuendSpec().id());
            sides.add(g.subtrahendSpec().id());
        });
        List<FigureSpec> specs = run.study().figures().stream()
                .filter(s -> s.headline() && s.measure() != Measure.GAP && s.measure() != Measure.EACH_OPTION)
                .filter(s -> !sides.contains(s.id()) && figures.total(s.id()).isPresent())
                .toList();
        if (specs.isEmpty()) {
            return;
        }
        List<BarChart.Row> rows = new ArrayList<>();
        List<Figure> shown = new ArrayList<>();
        for (FigureSpec spec : specs) {
            Figure f = figures.total(spec.id()).orElseThrow();
            rows.add(new BarChart.Row(label(spec), List.of(bar(f))));
            shown.add(f);
        }
        page.append("<section id=\"headline-figures\">\n<h2>Headline figures</h2>\n")
                .append(SvgBars.draw(new BarChart(rows), "Headline figures"));
        numbers(shown, false);
        page.append("</section>\n");
    }

    /** Every figure with more than one total row: options of a question, questions side by side, rankings. */
    void optionsAndRankings() {
        for (FigureSpec spec : run.study().figures()) {
            if (spec.measure() == Measure.GAP) {
                continue;
            }
            List<Figure> totals = figures.totals(spec.id());
            if (totals.isEmpty() || (spec.measure() != Measure.EACH_OPTION && totals.size() == 1)) {
                continue;
            }
            List<String> questions = totals.stream().map(Figure::question).distinct().toList();
            page.append("<section id=\"").append(Html.escape(anchor(spec.id()))).append("\">\n<h2>")
                    .append(Html.escape(label(spec))).append("</h2>\n");
            BarChart chart;
            if (spec.measure() == Measure.EACH_OPTION && questions.size() > 1) {
                chart = sideBySide(totals, questions);
                legend(questions);
            } else if (spec.measure() == Measure.EACH_OPTION) {
                chart = new BarChart(totals.stream()
                        .sorted(Comparator.comparingDouble((Figure f) -> Double.isNaN(f.share()) ? -1 : f.share()).reversed())
                        .map(f -> new BarChart.Row(f.answer(), List.of(bar(f)))).toList());
                page.append("<p class=\"note\">").append(Html.escape(questionText(questions.get(0))))
                        .append(" Base: ").append(Numbers.count(totals.get(0).base()))
                        .append(". Several answers could be given, so shares need not add up to 100%.</p>\n");
            } else {
                chart = new BarChart(totals.stream().map(f -> new BarChart.Row(
                        (f.rank() == null ? "" : f.rank() + ". ") + questionLabel(f.question()),
                        List.of(bar(f)))).toList());
                if (spec.ranked()) {
                    page.append("<p class=\"note\">Ranked from highest to lowest share.</p>\n");
                }
            }
            page.append(SvgBars.draw(chart, label(spec)));
            numbers(totals, questions.size() > 1);
            page.append("</section>\n");
        }
    }

    /** One row per answer, one bar per question, in the study's option order. */
    private BarChart sideBySide(List<Figure> totals, List<String> questions) {
        Map<String, List<BarChart.Bar>> byAnswer = new LinkedHashMap<>();
        for (Figure f : totals) {
            byAnswer.computeIfAbsent(f.answer(), a -> new ArrayList<>()).add(BarChart.Bar.of(f, null,
                    Series.ofQuestion(run.study(), questions.indexOf(f.question()))));
        }
        return new BarChart(byAnswer.entrySet().stream().map(e -> new BarChart.Row(e.getKey(), e.getValue())).toList());
    }

    /** A figure's bar in its segment's colour. */
    private BarChart.Bar bar(Figure f) {
        return BarChart.Bar.of(f, null, Series.ofSegment(run.study(), f.question()));
    }

    private void legend(List<String> questions) {
        page.append("<ul class=\"legend\">\n");
        for (int i = 0; i < questions.size(); i++) {
            page.append("<li><span class=\"swatch\" style=\"background:").append(BarLayout.colour(Series.ofQuestion(run.study(), i))).append("\"></span>")
                    .append(Html.escape(questionText(questions.get(i)))).append("</li>\n");
        }
        page.append("</ul>\n");
    }

    private void numbers(List<Figure> rows, boolean byQuestion) {
        page.append("<details><summary>Numbers</summary><div class=\"scroll\"><table>\n<thead><tr>")
                .append(byQuestion ? "<th>Question</th>" : "").append("<th>Answer</th><th>Share</th><th>95% CI</th>")
                .append("<th>Count</th><th>Base</th>").append(previousHeader()).append("</tr></thead>\n<tbody>\n");
        for (Figure f : rows) {
            page.append("<tr>");
            if (byQuestion) {
                page.append("<td>").append(Html.escape(questionLabel(f.question()))).append("</td>");
            }
            page.append("<td>").append(Html.escape(answerLabel(f))).append("</td><td>").append(value(f)).append("</td><td>")
                    .append(Numbers.interval(f)).append("</td><td>").append(Numbers.count(f.count())).append("</td><td>")
                    .append(Numbers.count(f.base())).append("</td>");
            previous.ifPresent(p -> page.append("<td>").append(Html.escape(Change.signed(f, p.matching(f)))).append("</td>"));
            page.append("</tr>\n");
        }
        page.append("</tbody></table></div></details>\n");
    }

    private String previousHeader() {
        return run.previousRun().map(p -> "<th>Change since " + Html.escape(p.name()) + " (pts)</th>").orElse("");
    }

    /** The value with a low-base mark, as HTML. */
    static String value(Figure f) {
        return Html.escape(Numbers.value(f)) + (f.lowBase() ? " <span class=\"low\" title=\"base under 30\">*</span>" : "");
    }

    static String p(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return "n/a";
        }
        return p < 0.001 ? "&lt; 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private String answerLabel(Figure f) {
        return Figure.TOP2.equals(f.answer()) ? "Top-2" : f.answer() == null ? "" : f.answer();
    }

    /** A question as a row label: a matrix row's own label, else its text. */
    private String questionLabel(String questionId) {
        return run.study().question(questionId).map(q -> q.row() != null ? q.row() : q.text()).orElse(questionId);
    }

    private String questionText(String questionId) {
        return run.study().question(questionId).map(Question::text).orElse(questionId);
    }

    static String label(FigureSpec spec) {
        return spec.label() == null || spec.label().isBlank() ? spec.id() : spec.label();
    }

    static String anchor(String id) {
        return "f-" + id.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
