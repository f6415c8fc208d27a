package dev.caregap.report.page;

import dev.caregap.report.BarChart;
import dev.caregap.report.BarLayout;
import dev.caregap.report.Html;

import java.util.Locale;

/** Draws a {@link BarChart} as inline SVG: no script, no external font or image, every text escaped. */
final class SvgBars {

    static final int WIDTH = 720;
    private static final int LONGEST_LABEL = 100;

    private SvgBars() {
    }

    static String draw(BarChart chart, String title) {
        BarLayout layout = new BarLayout(chart, WIDTH);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(layout.height()).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        for (int tick : BarLayout.TICKS) {
            double x = layout.x(tick / 100.0);
            svg.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" y1=\"").append(layout.gridTop())
                    .append("\" x2=\"").append(n(x)).append("\" y2=\"").append(layout.gridBottom()).append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(n(x)).append("\" y=\"").append(BarLayout.AXIS - 6)
                    .append("\" text-anchor=\"").append(tick == 0 ? "start" : tick == 100 ? "middle" : "middle")
                    .append("\">").append(tick).append("%</text>\n");
        }
        for (int r = 0; r < chart.rows().size(); r++) {
            BarChart.Row row = chart.rows().get(r);
            svg.append("<text class=\"row\" x=\"").append(BarLayout.LEFT).append("\" y=\"").append(layout.labelBaseline(r))
                    .append("\">").append(Html.escape(shortened(row.label()))).append("</text>\n");
            for (int b = 0; b < row.bars().size(); b++) {
                bar(svg, layout, row.bars().get(b), layout.barTop(r, b));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder svg, BarLayout layout, BarChart.Bar bar, int top) {
        String colour = BarLayout.colour(bar.series());
        svg.append("<g><title>").append(Html.escape((bar.caption() == null ? "" : bar.caption() + ": ") + bar.value()
                + " (" + bar.detail() + ")")).append("</title>");
        double x0 = layout.x(0);
        if (Double.isFinite(bar.share())) {
            svg.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(top).append("\" width=\"")
                    .append(n(layout.x(bar.share()) - x0)).append("\" height=\"").append(BarLayout.BAR)
                    .append("\" fill=\"").append(colour).append('"').append(bar.lowBase() ? " fill-opacity=\"0.4\"" : "")
                    .append("/>");
        }
        if (Double.isFinite(bar.low()) && Double.isFinite(bar.high())) {
            double mid = top + BarLayout.BAR / 2.0;
            double lo = layout.x(bar.low());
            double hi = layout.x(bar.high());
            svg.append("<path class=\"whisker\" d=\"M").append(n(lo)).append(' ').append(n(mid)).append('H').append(n(hi))
                    .append("M").append(n(lo)).append(' ').append(n(mid - 5)).append('V').append(n(mid + 5))
                    .append("M").append(n(hi)).append(' ').append(n(mid - 5)).append('V').append(n(mid + 5)).append("\"/>");
        }
        String value = (bar.caption() == null ? "" : bar.caption() + " ") + bar.value();
        svg.append("<text class=\"value\" x=\"").append(n(layout.valueX(bar))).append("\" y=\"")
                .append(top + BarLayout.BAR - 3).append("\">").append(Html.escape(value)).append("</text></g>\n");
    }

    private static String shortened(String label) {
        return label.length() <= LONGEST_LABEL ? label : label.substring(0, LONGEST_LABEL - 1) + "\u2026";
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
