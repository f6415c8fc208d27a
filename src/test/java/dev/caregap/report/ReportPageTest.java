package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.quality.ExportQuality;
import dev.caregap.report.page.ReportPage;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.caregap.report.ReportTexts.visible;
import static org.assertj.core.api.Assertions.assertThat;

/** report.html of the five sample files holds the published figures, stands alone and escapes the data. */
class ReportPageTest {

    @TempDir
    static Path folder;

    private static String html;
    private static String text;

    @BeforeAll
    static void writeThePageOfTheSample() throws IOException {
        Path file = folder.resolve(ReportPage.FILE);
        ReportPage.write(SampleRun.report(), Audience.EVERYONE, file);
        html = Files.readString(file, StandardCharsets.UTF_8);
        text = visible(html);
    }

    @Test
    void theHeadlineIsThePublishedCareGap() {
        assertThat(text).contains("The care gap: 37.1 pts (95% CI 32.3 to 41.6): Brands that believe they care for "
                + "their customers 73.1% vs Consumers who feel the companies they do business with care about them 36.0%.");
        assertThat(text).contains("The mobile satisfaction gap: 20.1 pts").contains("The mobile adoption gap: 28.0 pts");
        assertThat(text).contains("brands 73.1%").contains("consumers 36.0%");
    }

    @Test
    void isOneSelfContainedPageWithInlineSvgChartsAndNoScript() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
        assertThat(html.split("<svg ", -1).length - 1).as("charts").isGreaterThanOrEqualTo(8);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("<link").doesNotContain("<script")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("<img");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:").doesNotContain("https:");
    }

    @Test
    void everyFigureOfTheStudyHasItsSectionTitledByItsLabel() {
        for (String title : List.of("Headline gaps", "Channels consumers prefer for communications from brands",
                "Channel consumers prefer for urgent messages and for marketing messages, side by side",
                "Channels brands use to communicate with customers", "Why brands do not engage customers through mobile",
                "How well consumers say each industry cares for its customers", "By country", "By age band",
                "By industry", "By company size", "Data quality")) {
            assertThat(html).contains("<h2>" + title + "</h2>");
        }
    }

    @Test
    void channelsAndReasonsShowThePublishedShares() {
        String channels = section("Channels consumers prefer for communications from brands");
        assertThat(channels).contains(">Email<").contains("57.0%").contains(">Text message (SMS)<").contains("41.0%");
        assertThat(channels.indexOf(">Email<")).as("options by share, highest first")
                .isLessThan(channels.indexOf(">Text message (SMS)<"));
        String brands = section("Channels brands use to communicate with customers");
        assertThat(brands).contains("73.1%").contains("56.0%").contains("55.1%").contains("54.0%").contains("42.0%").contains("8.0%");
        String reasons = section("Why brands do not engage customers through mobile");
        assertThat(visible(reasons)).contains("Not the best means to contact our customers").contains("47.2%")
                .contains("We don't have the technology").contains("39.0%").contains("Base: 231");
    }

    @Test
    void urgentAndMarketingAreSideBySideWithBothQuestionsInTheLegend() {
        String both = section("Channel consumers prefer for urgent messages and for marketing messages, side by side");
        assertThat(both).contains("class=\"legend\"").contains("For urgent or real-time messages")
                .contains("For marketing messages");
        assertThat(both).contains("fill=\"" + BarLayout.colour(2) + "\"").contains("fill=\"" + BarLayout.colour(3) + "\"");
    }

    @Test
    void industriesAreRankedAsPublished() {
        String industries = visible(section("How well consumers say each industry cares for its customers"));
        assertThat(industries).containsSubsequence("1. Healthcare providers", "2. Retail", "3. Finance (banks, credit cards)",
                "4. Insurance", "5. Telecom, cable and utilities");
    }

    @Test
    void theCountryBreakdownShowsTheGapInEachCountry() {
        String countries = section("By country");
        assertThat(visible(countries)).contains("United States: gap").contains("United Kingdom: gap").contains("Australia: gap")
                .contains("The care gap");
    }

    @Test
    void dataQualityListsEveryExportAndTheRespondentsIncluded() {
        String quality = visible(section("Data quality"));
        for (ExportQuality q : SampleRun.report().quality()) {
            assertThat(quality).contains(q.fileName());
        }
        assertThat(quality).contains("All 5 exports").contains("1,650");
        assertThat(visible(html)).contains("1,650 respondents from 5 exports");
    }

    @Test
    void aFileNameOrAnswerWithScriptIsShownEscapedNeverRaw() {
        RunReport sample = SampleRun.report();
        List<ExportQuality> quality = new ArrayList<>(sample.quality());
        ExportQuality first = quality.get(0);
        quality.set(0, new ExportQuality(first.exportId(), "<script>alert('file')</script>.csv", first.source(),
                first.receivedAt(), first.layout(), first.rowsRead(), first.included(), first.incomplete(), first.ineligible(),
                first.duplicate(), first.noSegment(), first.issues()));
        List<Figure> figures = ReportTexts.withAnswer(sample.figures(), "Voicemail", "<script>alert(\"answer\")</script>");
        String page = ReportPage.render(new RunReport(sample.runId(), sample.name(), sample.study(), sample.trigger(),
                sample.finishedAt(), figures, quality, sample.lastExport()), Audience.EVERYONE);

        assertThat(page).doesNotContainIgnoringCase("<script");
        assertThat(page).contains("&lt;script&gt;alert(&#39;file&#39;)&lt;/script&gt;.csv")
                .contains("&lt;script&gt;alert(&quot;answer&quot;)&lt;/script&gt;");
    }

    @Test
    void aLowBaseIsMarked() {
        RunReport sample = SampleRun.report();
        String page = ReportPage.render(new RunReport(sample.runId(), sample.name(), sample.study(), sample.trigger(),
                sample.finishedAt(), ReportTexts.withLowBase(sample.figures(), "brands_believe_care"), sample.quality(),
                sample.lastExport()), Audience.EVERYONE);
        assertThat(visible(page)).contains("Brands that believe they care for their customers 72.0%").contains("* low base")
                .contains("brands 72.0% *");
        assertThat(html).doesNotContain("* low base");
    }

    @Test
    void theChangeSinceThePreviousRunIsInPoints() {
        PreviousRun before = new PreviousRun(1, "run-00001", Instant.parse("2026-03-01T09:00:00Z"),
                ReportTexts.withShare(SampleRun.report().figures(), "care_gap", 0.348));
        String page = visible(ReportPage.render(SampleRun.after(before), Audience.EVERYONE));
        assertThat(page).contains("Changes are since run-00001 (1 Mar 2026, 09:00 UTC)")
                .contains("Since run-00001: up 2.3 pts from 34.8.")
                .contains("Change since run-00001 (pts)");
        assertThat(text).contains("The first run reported: nothing to compare with yet.");
    }

    @Test
    void theAustraliaAudienceGetsAustralianFiguresAndItsNameInTheTitle() {
        String page = ReportPage.render(SampleRun.report(), Audience.group("country", "Australia"));
        Figure gap = australian("care_gap");
        assertThat(page).contains("<title>The Care Gap study \u2014 Australia \u2014 run-00002</title>")
                .contains("<h1>The Care Gap study \u2014 Australia</h1>");
        assertThat(visible(page)).contains("figures for Australia; the run covers 1,650 respondents from 5 exports");
        assertThat(visible(page)).contains("The care gap: " + Numbers.points(gap.share()))
                .contains("brands " + Numbers.percent(australian("brands_believe_care").share()))
                .doesNotContain("37.1 pts");
        assertThat(page).doesNotContain("<h2>By country</h2>");
    }

    @Test
    void anotherStudyGetsItsOwnSectionsFromItsFigureDefinitions() {
        String page = ReportPage.render(OtherStudy.run(), Audience.EVERYONE);
        assertThat(page).contains("<h1>Shop Pulse</h1>").contains("<h2>Headline figures</h2>")
                .contains("<h2>How shoppers pay</h2>").contains("<h2>Aisles rated well</h2>").contains("<h2>By region</h2>")
                .doesNotContain("<h2>Headline gaps</h2>").doesNotContain("<script");
        assertThat(visible(page)).contains("Shoppers happy with the shop").contains("75.0%")
                .containsSubsequence("1. Food", "2. Toys").contains("Phone <b>wallet</b>");
        assertThat(page).contains("Phone &lt;b&gt;wallet&lt;/b&gt;");
    }

    private static Figure australian(String figure) {
        return SampleRun.report().figures().stream()
                .filter(f -> f.figure().equals(figure) && "country".equals(f.breakdown()) && "Australia".equals(f.group()))
                .findFirst().orElseThrow();
    }

    /** The section headed by {@code title}, as HTML. */
    private static String section(String title) {
        int start = html.indexOf("<h2>" + title + "</h2>");
        assertThat(start).as("section " + title).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
