package dev.caregap.report.summary;

import dev.caregap.figures.Figure;
import dev.caregap.report.Audience;
import dev.caregap.report.BarChart;
import dev.caregap.report.Change;
import dev.caregap.report.HeadlineGap;
import dev.caregap.report.Html;
import dev.caregap.report.Numbers;
import dev.caregap.report.RunFigures;
import dev.caregap.report.Series;
import dev.caregap.report.StudyNames;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The summary e-mail of a run for one audience, short enough to read on a phone: one sentence per headline gap,
 * what changed since the run delivered before (or that this is the first), low-base warnings, one line of data
 * quality, and the headline chart as a PNG. The HTML body and the plain-text alternative say the same; every
 * text from the data is escaped in the HTML.
 *
 * <p>An audience without gaps (one segment's figures) gets its headline shares instead of gaps.
 */
public final class SummaryMessage {

    private SummaryMessage() {
    }

    public static Summary of(RunReport report, Audience audience) {
        RunReport run = audience.apply(report);
        String study = StudyNames.shortTitle(run.study()) + (audience.everyone() ? "" : " (" + audience.label() + ")");
        List<HeadlineGap> gaps = HeadlineGap.of(run);
        List<Line> headline = gaps.isEmpty() ? shareLines(run) : gapLines(gaps);
        BarChart chart = gaps.isEmpty() ? shareChart(run) : BarChart.ofGaps(gaps);
        Content content = new Content(
                study + " \u2014 " + run.name(),
                headline,
                change(run, gaps),
                lowBases(run),
                quality(run),
                "Computed " + Numbers.when(run.finishedAt()) + (audience.everyone() ? "" : "; figures for "
                        + audience.label() + ", data quality for the whole run") + ".");
        String contentId = "chart-" + run.name().replaceAll("[^A-Za-z0-9._-]", "_") + "@caregap";
        return new Summary(oneLine(subject(study, gaps, run)), content.html(contentId, chart.anyLowBase()),
                content.text(), SummaryChart.png(chart), contentId);
    }

    private static String subject(String study, List<HeadlineGap> gaps, RunReport run) {
        if (!gaps.isEmpty()) {
            HeadlineGap g = gaps.get(0);
            return study + ": gap " + Numbers.points(g.gap().share()) + " (" + g.minuendName() + " "
                    + Numbers.percent(g.minuend().share()) + " vs " + g.subtrahendName() + " "
                    + Numbers.percent(g.subtrahend().share()) + (g.lowBase() ? "; low base" : "") + ")";
        }
        // a low base is flagged wherever the figure appears (analysis rules, 3.5), the subject too
        return headlineShares(run).stream().findFirst()
                .map(e -> study + ": " + StudyNames.side(e.getKey()) + " " + Numbers.percent(e.getValue().share())
                        + (e.getValue().lowBase() ? " (low base)" : ""))
                .orElse(study + ": " + run.name());
    }

    /** A sentence: its strong lead (bold in HTML) and the rest. */
    record Line(String lead, String rest) {
        String text() {
            return lead + rest;
        }
    }

    private static List<Line> gapLines(List<HeadlineGap> gaps) {
        return gaps.stream().map(g -> new Line(g.label() + ": " + Numbers.points(g.gap().share()),
                " (95% CI " + Numbers.interval(g.gap()) + "), " + StudyNames.sentenceCase(g.minuendSpec().label()) + " "
                        + Numbers.percent(g.minuend().share()) + " vs " + StudyNames.sentenceCase(g.subtrahendSpec().label())
                        + " " + Numbers.percent(g.subtrahend().share()) + "." + (g.lowBase() ? " (Low base.)" : ""))).toList();
    }

    private static List<Line> shareLines(RunReport run) {
        return headlineShares(run).stream().map(e -> new Line(label(e.getKey()) + ": " + Numbers.percent(e.getValue().share()),
                " (95% CI " + Numbers.interval(e.getValue()) + ", base " + Numbers.count(e.getValue().base()) + ")."
                        + (e.getValue().lowBase() ? " (Low base.)" : ""))).toList();
    }

    private static BarChart shareChart(RunReport run) {
        return new BarChart(headlineShares(run).stream().map(e -> new BarChart.Row(label(e.getKey()),
                List.of(BarChart.Bar.of(e.getValue(), null, Series.ofSegment(run.study(), e.getValue().question()))))).toList());
    }

    /** Headline figures of one answer with their total, in the study's order. */
    private static List<Map.Entry<FigureSpec, Figure>> headlineShares(RunReport run) {
        RunFigures figures = new RunFigures(run.figures());
        List<Map.Entry<FigureSpec, Figure>> shares = new ArrayList<>();
        for (FigureSpec spec : run.study().figures()) {
            if (spec.headline() && spec.measure() != Measure.GAP && spec.measure() != Measure.EACH_OPTION) {
                figures.total(spec.id()).ifPresent(f -> shares.add(Map.entry(spec, f)));
            }
        }
        return shares;
    }

    private static String change(RunReport run, List<HeadlineGap> gaps) {
        Optional<PreviousRun> previous = run.previousRun();
        if (previous.isEmpty()) {
            return "First summary: there is no earlier run to compare with.";
        }
        RunFigures before = new RunFigures(previous.get().figures());
        List<String> changes = new ArrayList<>();
        if (!gaps.isEmpty()) {
            gaps.forEach(g -> changes.add(StudyNames.sentenceCase(g.label()) + " " + Change.words(g.gap(), g.previous())));
        } else {
            headlineShares(run).forEach(e -> changes.add(StudyNames.sentenceCase(label(e.getKey())) + " "
                    + Change.words(e.getValue(), before.matching(e.getValue()))));
        }
        return "Since " + previous.get().name() + " (" + Numbers.when(previous.get().finishedAt()) + "): "
                + String.join("; ", changes) + ".";
    }

    /** The headline figures with a base under 30, each once with its smallest base; empty when there is none. */
    private static String lowBases(RunReport run) {
        Map<String, Long> low = new LinkedHashMap<>();
        for (FigureSpec spec : run.study().figures()) {
            if (!spec.headline()) {
                continue;
            }
            for (Figure f : new RunFigures(run.figures()).totals(spec.id())) {
                if (f.lowBase() && f.question() != null) {
                    low.merge(label(spec), f.base(), Math::min);
                }
            }
        }
        if (low.isEmpty()) {
            return "";
        }
        List<String> named = new ArrayList<>();
        low.forEach((label, base) -> named.add(label + " (base " + Numbers.count(base) + ")"));
        return "Low base, under 30 respondents, so read with care: " + String.join("; ", named) + ".";
    }

    private static String quality(RunReport run) {
        long read = run.quality().stream().mapToLong(q -> q.rowsRead()).sum();
        long included = run.respondentsIncluded();
        long missing = run.quality().stream().mapToLong(q -> q.answersSetMissing()).sum();
        return "Data: " + Numbers.count(run.quality().size()) + (run.quality().size() == 1 ? " export, " : " exports, ")
                + Numbers.count(read) + " respondents read, " + Numbers.count(included) + " included, "
                + Numbers.count(read - included) + " excluded; " + Numbers.count(missing) + " answers set missing.";
    }

    private static String label(FigureSpec spec) {
        return spec.label() == null || spec.label().isBlank() ? spec.id() : spec.label();
    }

    /** A subject is one header line: no line breaks or other control characters from the data. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }

    /** The same content as HTML and as text. */
    private record Content(String title, List<Line> headline, String change, String lowBase, String quality,
                           String footer) {

        private static final String P = "<p style=\"margin:0 0 12px\">";

        String html(String contentId, boolean lowBaseInChart) {
            StringBuilder html = new StringBuilder();
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                    .append(Html.escape(title)).append("</title>\n</head>\n")
                    .append("<body style=\"margin:0;padding:0;background:#ffffff\">\n")
                    .append("<div style=\"max-width:600px;margin:0 auto;padding:16px;color:#1d2329;")
                    .append("font:16px/1.5 -apple-system,'Segoe UI',Roboto,Arial,sans-serif\">\n")
                    .append("<h1 style=\"font-size:20px;margin:0 0 14px\">").append(Html.escape(title)).append("</h1>\n");
            for (Line line : headline) {
                html.append(P).append("<strong>").append(Html.escape(line.lead())).append("</strong>")
                        .append(Html.escape(line.rest())).append("</p>\n");
            }
            html.append("<p style=\"margin:0 0 12px\"><img src=\"cid:").append(Html.escape(contentId))
                    .append("\" alt=\"").append(Html.escape(String.join(" ", headline.stream().map(Line::lead).toList())))
                    .append("\" width=\"440\" style=\"display:block;width:100%;max-width:440px;height:auto;border:0\"></p>\n");
            if (lowBaseInChart) {
                html.append("<p style=\"margin:0 0 12px;font-size:13px;color:#55606b\">* base under 30 respondents.</p>\n");
            }
            html.append(P).append(Html.escape(change)).append("</p>\n");
            if (!lowBase.isEmpty()) {
                html.append("<p style=\"margin:0 0 12px;color:#b3261e\">").append(Html.escape(lowBase)).append("</p>\n");
            }
            html.append(P).append(Html.escape(quality)).append("</p>\n")
                    .append("<p style=\"margin:16px 0 0;font-size:13px;color:#55606b\">").append(Html.escape(footer))
                    .append(" Shares are rounded half up to one decimal; a gap is in percentage points; intervals are 95%.")
                    .append("</p>\n</div>\n</body>\n</html>\n");
            return html.toString();
        }

        String text() {
            StringBuilder text = new StringBuilder();
            text.append(title).append("\n\n");
            headline.forEach(line -> text.append(line.text()).append("\n\n"));
            text.append(change).append("\n\n");
            if (!lowBase.isEmpty()) {
                text.append(lowBase).append("\n\n");
            }
            text.append(quality).append("\n\n").append(footer)
                    .append(" Shares are rounded half up to one decimal; a gap is in percentage points; intervals are 95%.\n");
            return text.toString();
        }
    }
}
