package dev.caregap.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link BarChart}'s parts go, in one unit per CSS pixel, so the SVG and the PNG drawing agree: an axis
 * of 0, 25, 50, 75 and 100% on top, then per row its label and below it its bars, each bar's value after the
 * bar or its whisker, whichever ends later.
 */
public final class BarLayout {

    public static final int AXIS = 20;
    public static final int LABEL = 18;
    public static final int BAR = 14;
    public static final int BAR_GAP = 5;
    public static final int ROW_GAP = 12;
    public static final int LEFT = 4;
    public static final int[] TICKS = {0, 25, 50, 75, 100};

    /** Colours of the series (first side, second side, ...), for people with and without colour vision. */
    public static final String[] COLOURS = {"#1f5fa8", "#e07b24", "#2e8b57", "#8e44ad", "#7f7f7f"};

    private final int width;
    private final int plot;
    private final List<Integer> rowTops = new ArrayList<>();
    private final int height;

    /** @param width the whole chart's width; the bars span up to 100% over all but the room for their values */
    public BarLayout(BarChart chart, int width) {
        this.width = width;
        this.plot = width - LEFT - 150;
        int y = AXIS + 4;
        for (BarChart.Row row : chart.rows()) {
            rowTops.add(y);
            y += LABEL + row.bars().size() * (BAR + BAR_GAP) + ROW_GAP;
        }
        this.height = y;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The x of a share (0..1), clamped to the scale. */
    public double x(double share) {
        double s = Double.isFinite(share) ? Math.max(0, Math.min(1, share)) : 0;
        return LEFT + s * plot;
    }

    /** The baseline of row {@code r}'s label. */
    public int labelBaseline(int r) {
        return rowTops.get(r) + LABEL - 5;
    }

    /** The top of bar {@code b} of row {@code r}. */
    public int barTop(int r, int b) {
        return rowTops.get(r) + LABEL + b * (BAR + BAR_GAP);
    }

    /** Where the bar's value is written: after the bar or its whisker. */
    public double valueX(BarChart.Bar bar) {
        double end = Math.max(x(bar.share()), Double.isFinite(bar.high()) ? x(bar.high()) : 0);
        return end + 6;
    }

    /** The chart's top and bottom, for the grid lines. */
    public int gridTop() {
        return AXIS;
    }

    public int gridBottom() {
        return height - ROW_GAP / 2;
    }

    public static String colour(int series) {
        return COLOURS[Math.floorMod(series, COLOURS.length)];
    }
}
