package dev.caregap.report.page;

import dev.caregap.report.Audience;
import dev.caregap.report.HeadlineGap;
import dev.caregap.report.Html;
import dev.caregap.report.Numbers;
import dev.caregap.report.StudyNames;
import dev.caregap.run.RunReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report.html}: one self-contained page per run for people who open a file rather than a spreadsheet.
 * Styles are inline and charts inline SVG, so it reads the same from disk, as a mail attachment or offline; it
 * needs no script. What it shows comes from the study's figure definitions (headline gaps, figures of several
 * options or questions, ranked ones, breakdowns), so every study gets its page; every text from the data is
 * escaped.
 */
public final class ReportPage {

    public static final String FILE = "report.html";

    private ReportPage() {
    }

    /** Writes the run's page as {@code audience} sees it into {@code file} (UTF-8). */
    public static void write(RunReport report, Audience audience, Path file) throws IOException {
        Files.writeString(file, render(report, audience), StandardCharsets.UTF_8);
    }

    /** The page as text. */
    public static String render(RunReport report, Audience audience) {
        RunReport run = audience.apply(report);
        String title = StudyNames.title(run.study()) + (audience.everyone() ? "" : " \u2014 " + audience.label());
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title + " \u2014 " + run.name())).append("</title>\n")
                .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(page, run, title, audience);
        List<HeadlineGap> gaps = HeadlineGap.of(run);
        FigureSections sections = new FigureSections(run, page);
        sections.headlineGaps(gaps);
        sections.headlineShares(gaps);
        sections.optionsAndRankings();
        new BreakdownSections(run, gaps, page).all();
        QualitySection.write(run, page);
        footer(page);
        return page.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void header(StringBuilder page, RunReport run, String title, Audience audience) {
        page.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"meta\">")
                .append(Html.escape(run.name())).append(", computed ").append(Html.escape(Numbers.when(run.finishedAt())))
                .append(audience.everyone() ? ": " : ": figures for " + Html.escape(audience.label()) + "; the run covers ")
                .append(Numbers.count(run.respondentsIncluded())).append(" respondents from ")
                .append(Numbers.count(run.quality().size())).append(run.quality().size() == 1 ? " export" : " exports")
                .append(". ");
        page.append(run.previousRun()
                .map(p -> "Changes are since " + Html.escape(p.name()) + " (" + Html.escape(Numbers.when(p.finishedAt())) + ").")
                .orElse("The first run reported: nothing to compare with yet."));
        page.append("</p>\n</header>\n");
    }

    private static void footer(StringBuilder page) {
        page.append("<footer>\n<p>Shares are of respondents with a valid answer (the base), rounded half up to one "
                + "decimal; a gap is the difference of the unrounded shares, in percentage points. Whiskers and "
                + "intervals are 95% confidence intervals (Wilson for a share, Newcombe for a gap). "
                + "<span class=\"low\">*</span> marks a base under 30 respondents: read such figures with care.</p>\n"
                + "</footer>\n");
    }
}
