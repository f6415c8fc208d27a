package dev.caregap.report.summary;

import dev.caregap.report.BarChart;
import dev.caregap.report.BarLayout;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Draws a {@link BarChart} as a PNG for mail clients, which do not show SVG: the same layout as the report's
 * SVG ({@link BarLayout}), 440 points wide at three times the pixels so that it stays sharp on a phone. Java2D off
 * screen, so it needs no display.
 */
final class SummaryChart {

    /** Narrow, so that its text stays readable when a phone shrinks the image to the screen's width. */
    static final int WIDTH = 440;
    static final int SCALE = 3;
    private static final Color TEXT = new Color(0x1d2329);
    private static final Color GRID = new Color(0xe3e6ea);
    private static final Color TICK = new Color(0x6b7580);

    private SummaryChart() {
    }

    static byte[] png(BarChart chart) {
        BarLayout layout = new BarLayout(chart, WIDTH);
        BufferedImage image = new BufferedImage(WIDTH * SCALE, layout.height() * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(SCALE, SCALE);
            draw(g, chart, layout);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the summary chart as PNG", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, BarChart chart, BarLayout layout) {
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int tick : BarLayout.TICKS) {
            float x = (float) layout.x(tick / 100.0);
            g.setColor(GRID);
            g.draw(new Line2D.Float(x, layout.gridTop(), x, layout.gridBottom()));
            g.setColor(TICK);
            String label = tick + "%";
            int w = g.getFontMetrics().stringWidth(label);
            g.drawString(label, tick == 0 ? x : x - w / 2f, BarLayout.AXIS - 6);
        }
        Font rowFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        for (int r = 0; r < chart.rows().size(); r++) {
            BarChart.Row row = chart.rows().get(r);
            g.setFont(rowFont);
            g.setColor(TEXT);
            g.drawString(row.label(), BarLayout.LEFT, layout.labelBaseline(r));
            g.setFont(valueFont);
            for (int b = 0; b < row.bars().size(); b++) {
                bar(g, layout, row.bars().get(b), layout.barTop(r, b));
            }
        }
    }

    private static void bar(Graphics2D g, BarLayout layout, BarChart.Bar bar, int top) {
        Color colour = Color.decode(BarLayout.colour(bar.series()));
        double x0 = layout.x(0);
        if (Double.isFinite(bar.share())) {
            // a low base is drawn paler, as in the report
            g.setColor(bar.lowBase() ? blend(colour, 0.4) : colour);
            g.fill(new Rectangle2D.Double(x0, top, layout.x(bar.share()) - x0, BarLayout.BAR));
        }
        if (Double.isFinite(bar.low()) && Double.isFinite(bar.high())) {
            double mid = top + BarLayout.BAR / 2.0;
            double lo = layout.x(bar.low());
            double hi = layout.x(bar.high());
            g.setColor(TEXT);
            g.setStroke(new BasicStroke(1.4f));
            g.draw(new Line2D.Double(lo, mid, hi, mid));
            g.draw(new Line2D.Double(lo, mid - 5, lo, mid + 5));
            g.draw(new Line2D.Double(hi, mid - 5, hi, mid + 5));
        }
        g.setColor(TEXT);
        String value = (bar.caption() == null ? "" : bar.caption() + " ") + bar.value();
        g.drawString(value, (float) layout.valueX(bar), top + BarLayout.BAR - 3);
    }

    /** The colour as drawn with the given opacity over white. */
    private static Color blend(Color c, double opacity) {
        return new Color((int) Math.round(255 - (255 - c.getRed()) * opacity),
                (int) Math.round(255 - (255 - c.getGreen()) * opacity),
                (int) Math.round(255 - (255 - c.getBlue()) * opacity));
    }
}
