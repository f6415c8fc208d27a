package dev.caregap.report.summary;

import dev.caregap.figures.Figure;
import dev.caregap.report.Audience;
import dev.caregap.results.Percent;
import dev.caregap.run.RunReport;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PLACEHOLDER until the summary content lands: one sentence per headline gap, a bar chart of the gaps as PNG.
 * The subject says the study and the headline: "Care Gap: gap 37.1 pts (brands 73.1% vs consumers 36.0%)".
 */
public final class SummaryMessage {

    static final String CHART_ID = "gap-chart@caregap";

    private SummaryMessage() {
    }

    public static Summary of(RunReport report, Audience audience) {
        RunReport seen = audience.apply(report);
        List<String> sentences = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        String headline = null;
        for (FigureSpec spec : seen.study().figures()) {
            if (spec.measure() != Measure.GAP || !spec.headline()) {
                continue;
            }
            Optional<Figure> gap = total(seen, spec.id());
            Optional<Figure> minuend = total(seen, spec.minuend());
            Optional<Figure> subtrahend = total(seen, spec.subtrahend());
            if (gap.isEmpty() || minuend.isEmpty() || subtrahend.isEmpty()) {
                continue;
            }
            String line = "gap " + Percent.of(gap.get().share()) + " pts (brands " + Percent.of(minuend.get().share())
                    + "% vs consumers " + Percent.of(subtrahend.get().share()) + "%)";
            headline = headline == null ? line : headline;
            sentences.add(spec.label() + ": " + line + ".");
            gaps.add(gap.get().share());
        }
        String name = seen.study().title().replaceFirst("^The ", "").replaceFirst(" study$", "");
        String subject = name + ": " + (headline == null ? seen.name() : headline)
                + (audience.everyone() ? "" : " - " + audience.label());
        StringBuilder text = new StringBuilder();
        sentences.forEach(s -> text.append(s).append('\n'));
        text.append(seen.respondentsIncluded()).append(" respondents in ").append(seen.quality().size()).append(" exports.\n");
        StringBuilder html = new StringBuilder("<html><body>");
        sentences.forEach(s -> html.append("<p>").append(escape(s)).append("</p>"));
        html.append("<p><img src=\"cid:").append(CHART_ID).append("\" alt=\"gaps\"></p></body></html>");
        return new Summary(subject, html.toString(), text.toString(), chart(gaps), CHART_ID);
    }

    private static Optional<Figure> total(RunReport report, String figure) {
        return report.figures().stream().filter(f -> f.figure().equals(figure) && f.isTotal()).findFirst();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] chart(List<Double> gaps) {
        BufferedImage image = new BufferedImage(200, 20 * Math.max(1, gaps.size()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(0x1f77b4));
        for (int i = 0; i < gaps.size(); i++) {
            g.fillRect(0, i * 20 + 4, (int) Math.round(Math.abs(gaps.get(i)) * 200), 12);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
