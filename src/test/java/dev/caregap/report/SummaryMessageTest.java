package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.report.summary.Summary;
import dev.caregap.report.summary.SummaryMessage;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.caregap.report.ReportTexts.visible;
import static org.assertj.core.api.Assertions.assertThat;

/** The summary e-mail of the five sample files: subject, body, chart and text alternative. */
class SummaryMessageTest {

    private final Summary summary = SummaryMessage.of(SampleRun.report(), Audience.EVERYONE);

    @Test
    void theSubjectSaysTheStudyAndThePublishedHeadline() {
        assertThat(summary.subject()).isEqualTo("Care Gap: gap 37.1 pts (brands 73.1% vs consumers 36.0%)");
    }

    @Test
    void theHtmlSaysEachHeadlineGapInOneSentence() {
        String body = visible(summary.html());
        assertThat(body).contains("The care gap: 37.1 pts (95% CI 32.3 to 41.6), brands that believe they care for "
                + "their customers 73.1% vs consumers who feel the companies they do business with care about them 36.0%.");
        assertThat(body).contains("The mobile satisfaction gap: 20.1 pts").contains("The mobile adoption gap: 28.0 pts");
        assertThat(body).contains("First summary").contains("Data: 5 exports").contains("1,650 included");
    }

    @Test
    void theChartIsAPngTheHtmlReferencesByItsContentId() throws IOException {
        assertThat(summary.chartContentId()).isNotBlank().doesNotContain("<").doesNotContain(">").doesNotContain(" ");
        assertThat(summary.html()).contains("<img src=\"cid:" + summary.chartContentId() + "\"");
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(summary.chartPng()));
        assertThat(chart).as("a PNG ImageIO can read").isNotNull();
        assertThat(chart.getWidth()).isBetween(800, 2000);
        assertThat(chart.getHeight()).isBetween(300, 1500);
        assertThat(summary.chartPng().length).isLessThan(100_000);
        assertThat(Arrays.copyOf(summary.chartPng(), 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void theChartDrawsTheBarsInTheSidesColours() throws IOException {
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(summary.chartPng()));
        int brands = Integer.parseInt(BarLayout.colour(1).substring(1), 16);
        int consumers = Integer.parseInt(BarLayout.colour(0).substring(1), 16);
        long brandPixels = 0;
        long consumerPixels = 0;
        for (int y = 0; y < chart.getHeight(); y++) {
            for (int x = 0; x < chart.getWidth(); x++) {
                int rgb = chart.getRGB(x, y) & 0xFFFFFF;
                brandPixels += rgb == brands ? 1 : 0;
                consumerPixels += rgb == consumers ? 1 : 0;
            }
        }
        assertThat(brandPixels).isGreaterThan(consumerPixels).isGreaterThan(10_000);
        assertThat(consumerPixels).isGreaterThan(5_000);
    }

    @Test
    void theTextAlternativeSaysTheSame() {
        String body = visible(summary.html());
        List<String> paragraphs = Arrays.stream(summary.text().split("\n\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        assertThat(paragraphs).hasSizeGreaterThanOrEqualTo(6);
        for (String paragraph : paragraphs) {
            assertThat(body).contains(paragraph.replaceAll("\\s+", " "));
        }
        assertThat(summary.text()).contains("37.1 pts").contains("73.1%").contains("36.0%").contains("32.3 to 41.6")
                .doesNotContain("<");
    }

    @Test
    void theChangeSinceThePreviousRunIsInPoints() {
        List<Figure> before = ReportTexts.withShare(ReportTexts.withShare(SampleRun.report().figures(), "care_gap", 0.348),
                "mobile_satisfaction_gap", 0.211);
        Summary later = SummaryMessage.of(SampleRun.after(new PreviousRun(1, "run-00001",
                Instant.parse("2026-03-01T09:00:00Z"), before)), Audience.EVERYONE);
        String expected = "Since run-00001 (1 Mar 2026, 09:00 UTC): the care gap up 2.3 pts from 34.8; "
                + "the mobile satisfaction gap down 1.0 pts from 21.1; the mobile adoption gap unchanged.";
        assertThat(later.text()).contains(expected).doesNotContain("First summary");
        assertThat(visible(later.html())).contains(expected);
    }

    @Test
    void theAustraliaAudienceGetsAustralianFiguresAndItsNameInTheSubject() {
        Summary australia = SummaryMessage.of(SampleRun.report(), Audience.group("country", "Australia"));
        String expected = "Care Gap (Australia): gap " + Numbers.points(australian("care_gap").share()) + " (brands "
                + Numbers.percent(australian("brands_believe_care").share()) + " vs consumers "
                + Numbers.percent(australian("consumers_feel_cared_for").share()) + ")";
        assertThat(australia.subject()).isEqualTo(expected).isNotEqualTo(summary.subject());
        assertThat(australia.text()).contains("The care gap: " + Numbers.points(australian("care_gap").share()))
                .contains("figures for Australia").doesNotContain("37.1 pts");
        assertThat(visible(australia.html())).contains("Care Gap (Australia)");
    }

    @Test
    void oneSegmentsAudienceGetsItsHeadlineSharesForLackOfGaps() {
        Summary consumers = SummaryMessage.of(SampleRun.report(), Audience.segment("consumer", "Consumers"));
        assertThat(consumers.subject()).isEqualTo("Care Gap (Consumers): consumers 36.0%");
        assertThat(consumers.text()).contains("Consumers who feel the companies they do business with care about them: 36.0%")
                .doesNotContain("73.1%");
    }

    @Test
    void aLowBaseIsWarnedOf() {
        RunReport sample = SampleRun.report();
        Summary low = SummaryMessage.of(new RunReport(sample.runId(), sample.name(), sample.study(), sample.trigger(),
                sample.finishedAt(), ReportTexts.withLowBase(sample.figures(), "brands_believe_care"), sample.quality(),
                sample.lastExport()), Audience.EVERYONE);
        String warning = "Low base, under 30 respondents, so read with care: Brands that believe they care for their "
                + "customers (base 25).";
        assertThat(low.text()).contains(warning);
        assertThat(visible(low.html())).contains(warning);
        assertThat(summary.text()).doesNotContain("Low base");
        assertThat(low.subject()).as("flagged wherever the figure appears")
                .isEqualTo("Care Gap: gap 37.1 pts (brands 72.0% vs consumers 36.0%; low base)");
        assertThat(summary.subject()).doesNotContain("low base");
    }

    @Test
    void aLowBaseHeadlineShareIsFlaggedInTheSubject() {
        RunReport sample = SampleRun.report();
        Summary low = SummaryMessage.of(new RunReport(sample.runId(), sample.name(), sample.study(), sample.trigger(),
                sample.finishedAt(), ReportTexts.withLowBase(sample.figures(), "consumers_feel_cared_for"), sample.quality(),
                sample.lastExport()), Audience.segment("consumer", "Consumers"));
        assertThat(low.subject()).isEqualTo("Care Gap (Consumers): consumers 72.0% (low base)");
    }

    @Test
    void textFromTheDataIsEscapedInTheHtml() {
        Summary odd = SummaryMessage.of(SampleRun.report(),
                new Audience("<script>alert(1)</script>\r\nBcc: x@example.test", "country", "Australia", null));
        assertThat(odd.html()).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(odd.subject()).as("one header line").doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void anotherStudyIsSummedUpByItsHeadlineShare() {
        Summary other = SummaryMessage.of(OtherStudy.run(), Audience.EVERYONE);
        assertThat(other.subject()).isEqualTo("Shop Pulse: shoppers 75.0%");
        assertThat(other.html()).contains("cid:" + other.chartContentId());
    }

    private static Figure australian(String figure) {
        return SampleRun.report().figures().stream()
                .filter(f -> f.figure().equals(figure) && "country".equals(f.breakdown()) && "Australia".equals(f.group()))
                .findFirst().orElseThrow();
    }
}
