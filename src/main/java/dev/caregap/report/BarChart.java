package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.results.Percent;

import java.util.List;

/**
 * A horizontal bar chart of shares on a 0 to 100% scale, each bar with its 95% interval as a whisker: what
 * the HTML report draws as SVG and the summary e-mail as PNG, from the same rows.
 *
 * @param rows the rows from top to bottom; each a label over one or more bars
 */
public record BarChart(List<Row> rows) {

    public BarChart {
        rows = List.copyOf(rows);
    }

    /** One row: a label (the gap, an option, an industry) and its bars. */
    public record Row(String label, List<Bar> bars) {
        public Row {
            bars = List.copyOf(bars);
        }
    }

    /**
     * One share.
     *
     * @param caption what the bar is, written before its value ("brands"); null when the row label says it
     * @param series  its colour: 0 for the first side or question, 1 for the second, ...
     * @param share   0..1, NaN when no one answered
     * @param low     interval's lower end
     * @param high    interval's upper end
     * @param lowBase base under 30: drawn paler and marked
     * @param count   respondents who gave the answer
     * @param base    respondents asked
     */
    public record Bar(String caption, int series, double share, double low, double high, boolean lowBase,
                      long count, long base) {

        public static Bar of(Figure figure, String caption, int series) {
            return new Bar(caption, series, figure.share(), figure.low(), figure.high(), figure.lowBase(),
                    figure.count(), figure.base());
        }

        /** "73.1%" with a low-base mark, "n/a" without answers. */
        public String value() {
            return Numbers.percent(share) + (lowBase ? " *" : "");
        }

        /** "402 of 550, 95% CI 69.2 to 76.6" for a tooltip. */
        public String detail() {
            return Numbers.count(count) + " of " + Numbers.count(base) + (Double.isFinite(low) && Double.isFinite(high)
                    ? ", 95% CI " + Percent.of(low) + " to " + Percent.of(high)
                    : "") + (lowBase ? ", low base" : "");
        }
    }

    /** The paired bars of headline gaps: each gap a row, its two sides as bars. */
    public static BarChart ofGaps(List<HeadlineGap> gaps) {
        return new BarChart(gaps.stream().map(g -> new Row(g.label() + ": " + Numbers.points(g.gap().share())
                + (g.lowBase() ? " *" : ""), List.of(
                Bar.of(g.minuend(), g.minuendName(), g.minuendSeries()),
                Bar.of(g.subtrahend(), g.subtrahendName(), g.subtrahendSeries())))).toList());
    }

    public boolean anyLowBase() {
        return rows.stream().flatMap(r -> r.bars().stream()).anyMatch(Bar::lowBase);
    }
}
