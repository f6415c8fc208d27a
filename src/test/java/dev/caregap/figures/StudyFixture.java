package dev.caregap.figures;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Breakdown;
import dev.caregap.study.Condition;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Segment;
import dev.caregap.study.Study;

import java.util.ArrayList;
import java.util.List;

/** A small two-segment study shaped like the Care Gap study, and respondents for it. */
final class StudyFixture {

    static final String CONSUMER = "consumer";
    static final String BUSINESS = "business";
    static final List<String> COUNTRIES = List.of("United States", "United Kingdom", "Australia");
    static final List<String> AGREE = List.of("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree");

    private StudyFixture() {
    }

    static Study study() {
        return study(List.of(
                spec("brands_care", Measure.TOP2, List.of("B_CARE"), null, false),
                spec("consumers_care", Measure.TOP2, List.of("C_CARE"), null, false),
                new FigureSpec("care_gap", "Care gap", Measure.GAP, List.of(), null,
                        "brands_care", "consumers_care", false, true),
                spec("brands_mobile", Measure.OPTION, List.of("B_USES_MOBILE"), "yes", false),
                spec("channels", Measure.EACH_OPTION, List.of("C_CHANNELS"), null, false),
                spec("reasons", Measure.EACH_OPTION, List.of("B_REASONS"), null, false),
                spec("industry", Measure.TOP2, List.of("C_IND_A", "C_IND_B", "C_IND_C"), null, true)));
    }

    static Study study(List<FigureSpec> figures) {
        List<String> industry = new ArrayList<>(AGREE);
        industry.add("No experience");
        List<Question> questions = List.of(
                question("C_COUNTRY", QuestionType.SINGLE, COUNTRIES, null),
                new Question("C_AGE", CONSUMER, "Age", QuestionType.AGE, List.of(
                        band(1, "18-24", 18, 24), band(2, "25-34", 25, 34), band(3, "35+", 35, 99)),
                        null, null, null, null, 18, 99),
                question("C_CARE", QuestionType.SCALE, AGREE, null),
                question("C_IND_A", QuestionType.SCALE, industry, null),
                question("C_IND_B", QuestionType.SCALE, industry, null),
                question("C_IND_C", QuestionType.SCALE, industry, null),
                question("C_CHANNELS", QuestionType.MULTI, List.of("Email", "SMS", "None of these"), null),
                question("B_COUNTRY", QuestionType.SINGLE, COUNTRIES, null),
                question("B_CARE", QuestionType.SCALE, AGREE, null),
                question("B_USES_MOBILE", QuestionType.SINGLE, List.of("Yes", "No"), null),
                question("B_REASONS", QuestionType.MULTI, List.of("Technology", "Expense", "Other (please specify)"),
                        new Condition("B_USES_MOBILE", "No")));
        return new Study("fixture", "Fixture", List.of(
                new Segment(CONSUMER, "Consumers", "C_"), new Segment(BUSINESS, "Businesses", "B_")),
                questions, figures, List.of(
                new Breakdown("country", "Country", List.of("C_COUNTRY", "B_COUNTRY")),
                new Breakdown("age_band", "Age band", List.of("C_AGE"))));
    }

    static FigureSpec spec(String id, Measure measure, List<String> questions, String option, boolean ranked) {
        return new FigureSpec(id, id.replace('_', ' '), measure, questions, option, null, null, ranked, false);
    }

    private static Question question(String id, QuestionType type, List<String> texts, Condition shownWhen) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            options.add(new Option(i + 1, text, List.of(), text.equals("No experience"),
                    text.equals("None of these"), text.startsWith("Other"), null, null));
        }
        String segment = id.startsWith("C_") ? CONSUMER : BUSINESS;
        return new Question(id, segment, id, type, options, null, null, shownWhen, null, null, null);
    }

    private static Option band(int code, String text, int min, int max) {
        return new Option(code, text, List.of(), false, false, false, min, max);
    }

    /** A respondent; answers as alternating question id and option code ("C_CARE", 5, ...). */
    static Respondent consumer(double weight, Object... answers) {
        return respondent(CONSUMER, weight, null, answers);
    }

    static Respondent business(double weight, Object... answers) {
        return respondent(BUSINESS, weight, null, answers);
    }

    static Respondent excluded(String segment, Object... answers) {
        return respondent(segment, 1, Exclusion.INCOMPLETE, answers);
    }

    private static Respondent respondent(String segment, double weight, Exclusion exclusion, Object... answers) {
        List<Answer> list = new ArrayList<>();
        for (int i = 0; i < answers.length; i += 2) {
            list.add(Answer.choice((String) answers[i], (Integer) answers[i + 1]));
        }
        return new Respondent(1, "r", segment, null, weight, exclusion, list);
    }
}
