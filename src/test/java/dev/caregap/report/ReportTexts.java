package dev.caregap.report;

import dev.caregap.figures.Figure;

import java.util.List;

/** Helpers for reading reports in tests: text as a person reads it, figures changed for a case. */
public final class ReportTexts {

    private ReportTexts() {
    }

    /** The visible text of HTML: tags removed, the entities the reports use decoded, blanks collapsed. */
    public static String visible(String html) {
        return html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&").replaceAll("\\s+", " ")
                .replace(" :", ":").replace(" .", ".").replace(" ,", ",").replace("( ", "(").replace(" )", ")");
    }

    /** The figures with one total row's share (and interval) replaced. */
    public static List<Figure> withShare(List<Figure> figures, String figureId, double share) {
        return figures.stream().map(f -> f.figure().equals(figureId) && f.isTotal()
                ? new Figure(f.figure(), f.label(), f.measure(), f.question(), f.answer(), f.breakdown(), f.group(),
                f.count(), f.base(), share, share - 0.04, share + 0.04, f.effectiveBase(), f.z(), f.p(), f.lowBase(), f.rank())
                : f).toList();
    }

    /** The figures with one total row made a low base of 25 respondents. */
    public static List<Figure> withLowBase(List<Figure> figures, String figureId) {
        return figures.stream().map(f -> f.figure().equals(figureId) && f.isTotal()
                ? new Figure(f.figure(), f.label(), f.measure(), f.question(), f.answer(), f.breakdown(), f.group(),
                18, 25, 0.72, 0.52, 0.86, 25, f.z(), f.p(), true, f.rank())
                : f).toList();
    }

    /** The figures with one answer's text replaced wherever it is counted. */
    public static List<Figure> withAnswer(List<Figure> figures, String answer, String replacement) {
        return figures.stream().map(f -> answer.equals(f.answer())
                ? new Figure(f.figure(), f.label(), f.measure(), f.question(), replacement, f.breakdown(), f.group(),
                f.count(), f.base(), f.share(), f.low(), f.high(), f.effectiveBase(), f.z(), f.p(), f.lowBase(), f.rank())
                : f).toList();
    }
}
