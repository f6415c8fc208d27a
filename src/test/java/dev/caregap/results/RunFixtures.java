package dev.caregap.results;

import dev.caregap.figures.Figure;
import dev.caregap.quality.ExportQuality;
import dev.caregap.quality.IssueCount;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.IssueSource;
import dev.caregap.run.ResponseSource;
import dev.caregap.run.RunReport;
import dev.caregap.study.Measure;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A small hand-made run of the Care Gap study, with the numbers of the published sample. */
final class RunFixtures {

    static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    static final Instant FINISHED = Instant.parse("2025-03-04T10:15:30Z");

    static final double BRANDS = 402.0 / 550;
    static final double CONSUMERS = 396.0 / 1100;

    static final Figure BRANDS_CARE = new Figure("brands_believe_care", "Brands that believe they care for their customers",
            Measure.TOP2, "B_CARE", Figure.TOP2, Figure.TOTAL, Figure.ALL, 402, 550, BRANDS,
            0.692331, 0.766298, 550, null, null, false, null);
    static final Figure CONSUMERS_CARED_FOR = new Figure("consumers_feel_cared_for", "Consumers who feel cared for",
            Measure.TOP2, "C_CARE", Figure.TOP2, Figure.TOTAL, Figure.ALL, 396, 1100, CONSUMERS,
            0.33221, 0.38879, 1023.456, null, null, false, null);
    /** Subtracted the other way round, so that the gap is negative. */
    static final Figure NEGATIVE_GAP = new Figure("care_gap", "The care gap", Measure.GAP, null, null,
            Figure.TOTAL, Figure.ALL, 0, 0, CONSUMERS - BRANDS, -0.41589, -0.32281, Double.NaN,
            -14.21243, 7.6849e-46, false, null);
    /** No respondent of the group answered: no share at all. */
    static final Figure EMPTY_GROUP = new Figure("consumers_feel_cared_for", "Consumers who feel cared for",
            Measure.TOP2, "C_CARE", Figure.TOP2, "age_band", "65+", 0, 0, Double.NaN,
            Double.NaN, Double.NaN, 0, null, null, true, null);
    static final Figure LOW_BASE = new Figure("consumer_channel_preference", "Channels consumers prefer",
            Measure.EACH_OPTION, "C_PREF_CHANNELS", "Text message (SMS)", "country", "Australia", 1, 25, 0.04,
            0.0071, 0.195, 25, null, null, true, null);
    static final Figure RANKED = new Figure("industry_care_rating", "How well each industry cares",
            Measure.TOP2, "C_IND_HEALTHCARE", Figure.TOP2, Figure.TOTAL, Figure.ALL, 1, 80, 0.0125,
            0.0022, 0.0674, 80, null, null, false, 1);

    static final ExportQuality CONSUMER_EXPORT = new ExportQuality(1, "consumers.csv", "inbox",
            Instant.parse("2025-03-01T08:00:00Z"), "qualtrics", 10, 6, 2, 1, 1, 0,
            List.of(new IssueCount("Q5", "C_COUNTRY", "answer matches no option", 2),
                    new IssueCount("Q2", "C_AGE", "age unreadable", 1)));
    /** A file name that a spreadsheet would run as a formula. */
    static final ExportQuality BUSINESS_EXPORT = new ExportQuality(2, "=cmd|' /C calc'!A0.csv", "mailbox",
            Instant.parse("2025-03-02T09:30:00Z"), "tidy", 3, 3, 0, 0, 0, 0, List.of(),
            ExportQuality.mailed("analyst@example.org", "Wave 2", "<w2@example.org>",
                    Instant.parse("2025-03-02T09:30:00Z"), "business.zip/tidy.csv"));

    static final Respondent CONSUMER = new Respondent(4, "R_1", "consumer", Instant.parse("2025-02-27T12:00:00Z"),
            1.0, null, List.of(
            Answer.choice("C_COUNTRY", 1),
            new Answer("C_AGE", 2, "34 years"),
            Answer.choice("C_CARE", 4),
            Answer.choice("C_PREF_CHANNELS", 2),
            Answer.choice("C_PREF_CHANNELS", 1),
            Answer.text("C_COMMENT", "=HYPERLINK(\"http://x.test\",\"win\")")));
    static final Respondent CONSUMER_NO_ID = new Respondent(5, null, "consumer", null, 0.85, null, List.of(
            Answer.choice("C_OPEN_MOBILE", 1),
            Answer.text("C_COMMENT", "@SUM(1)")));
    static final Respondent CONSUMER_NUMBER = new Respondent(6, "R_3", "consumer", null, 1.25, null, List.of(
            Answer.choice("C_IND_HEALTHCARE", 6),
            Answer.text("C_COMMENT", "-3.2")));
    static final Respondent BUSINESS = new Respondent(2, "b-7", "business", Instant.parse("2025-03-01T18:45:00Z"),
            1.0, null, List.of(
            Answer.choice("B_USES_MOBILE", 2),
            Answer.choice("B_NO_MOBILE_REASONS", 6),
            Answer.choice("B_NO_MOBILE_REASONS", 3),
            Answer.text("B_NO_MOBILE_REASONS_OTHER", "+1 555 0100, call us, \"really\"")));

    private RunFixtures() {
    }

    static RunReport report(String name, List<Figure> figures) {
        return new RunReport(42, name, CARE_GAP, "business.csv", FINISHED, figures,
                List.of(CONSUMER_EXPORT, BUSINESS_EXPORT), 2);
    }

    static RunReport report(String name) {
        // not in study order: the headline must follow the study, the figures list the run
        return report(name, List.of(NEGATIVE_GAP, CONSUMERS_CARED_FOR, BRANDS_CARE, EMPTY_GROUP, LOW_BASE, RANKED));
    }

    static ResponseSource responses() {
        return consumer -> {
            consumer.accept("consumers.csv", CONSUMER);
            consumer.accept("consumers.csv", CONSUMER_NO_ID);
            consumer.accept("consumers.csv", CONSUMER_NUMBER);
            consumer.accept("=cmd|' /C calc'!A0.csv", BUSINESS);
        };
    }

    static IssueSource issues() {
        return consumer -> {
            consumer.accept("consumers.csv", new Issue(7, "In which country do you live?", "C_COUNTRY", "Atlantis",
                    "answer matches no option of C_COUNTRY"));
            consumer.accept("consumers.csv", new Issue(9, "What is your age?", "C_AGE", "=1+1", "age not readable"));
        };
    }
}
