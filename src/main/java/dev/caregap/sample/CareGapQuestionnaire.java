package dev.caregap.sample;

import dev.caregap.study.Condition;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Care Gap questionnaires as the survey tools show them, in questionnaire order: the texts and options
 * the sample exports are written with. Kept here so the generator stands on its own; the study definition
 * the application reads is the source for analysis.
 */
public final class CareGapQuestionnaire {

    public static final String CONSUMER = "consumer";
    public static final String BUSINESS = "business";

    public static final String INDUSTRY_MATRIX = "How well do companies in each industry care for their customers?";

    static final List<String> COUNTRIES = List.of("United States", "United Kingdom", "Australia");
    static final List<String> AGREE_5 = List.of("Strongly disagree", "Disagree", "Neither agree nor disagree",
            "Agree", "Strongly agree");
    static final List<String> SATISFIED_5 = List.of("Very dissatisfied", "Dissatisfied",
            "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied");
    static final List<String> CARE_5_OR_NONE = List.of("Very poorly", "Poorly", "Neither well nor poorly", "Well",
            "Very well", "No experience");
    static final List<String> ONE_CHANNEL = List.of("Email", "Text message (SMS)", "Phone call", "Mobile app",
            "Social media");
    static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");

    private static final List<Question> CONSUMER_QUESTIONS = List.of(
            single(CONSUMER, "C_COUNTRY", "In which country do you live?", COUNTRIES),
            age(),
            single(CONSUMER, "C_GENDER", "What is your gender?",
                    List.of("Female", "Male", "Non-binary", "Prefer not to say")),
            scale(CONSUMER, "C_CARE", "Overall, the companies I do business with care about me as a customer.",
                    AGREE_5),
            scale(CONSUMER, "C_MOBILE_SAT",
                    "How satisfied are you with the way companies communicate with you on your mobile phone?",
                    SATISFIED_5),
            single(CONSUMER, "C_OPEN_MOBILE", "Would you be open to companies communicating with you on your "
                    + "mobile phone (for example by email, text message or app)?", List.of("Yes", "No", "Not sure")),
            multi(CONSUMER, "C_PREF_CHANNELS",
                    "Through which channels do you prefer to receive communications from brands? (Select all that apply)",
                    List.of("Email", "Text message (SMS)", "Phone call", "Voicemail", "Social media", "Mobile app",
                            "None of these"), null, null),
            single(CONSUMER, "C_PREF_URGENT", "For urgent or real-time messages, such as outage notifications, "
                    + "appointment reminders or account balance alerts, which ONE channel do you prefer?", ONE_CHANNEL),
            single(CONSUMER, "C_PREF_MARKETING", "For marketing messages, such as deals, promotions and product "
                    + "sales, which ONE channel do you prefer?", ONE_CHANNEL),
            industry("C_IND_HEALTHCARE", "Healthcare providers"),
            industry("C_IND_RETAIL", "Retail"),
            industry("C_IND_FINANCE", "Finance (banks, credit cards)"),
            industry("C_IND_INSURANCE", "Insurance"),
            industry("C_IND_TELECOM", "Telecom, cable and utilities"),
            text(CONSUMER, "C_COMMENT",
                    "Is there anything else you would like to tell companies about how they treat you?"));

    private static final List<Question> BUSINESS_QUESTIONS = List.of(
            single(BUSINESS, "B_COUNTRY", "In which country is your company based?", COUNTRIES),
            single(BUSINESS, "B_INDUSTRY", "Which industry is your company in?",
                    List.of("Healthcare", "Retail", "Finance", "Insurance", "Telecom, cable and utilities", "Other")),
            single(BUSINESS, "B_SIZE", "How many people does your company employ?",
                    List.of("1-49", "50-249", "250-999", "1,000 or more")),
            scale(BUSINESS, "B_CARE", "Our company cares for its customers.", AGREE_5),
            scale(BUSINESS, "B_CUST_PLEASED",
                    "Our customers are pleased with the ways we communicate with them on their mobile phones.", AGREE_5),
            single(BUSINESS, "B_USES_MOBILE", "Does your company use mobile (text messages, mobile apps, mobile email) "
                    + "to engage with customers?", List.of("Yes", "No")),
            multi(BUSINESS, "B_CHANNELS_USED",
                    "Which channels does your company use to communicate with customers? (Select all that apply)",
                    List.of("Email", "Phone calls", "Text messages (SMS)", "Social media", "Mobile apps", "Games"),
                    null, null),
            multi(BUSINESS, "B_NO_MOBILE_REASONS",
                    "Why does your company not engage customers through mobile? (Select all that apply)",
                    List.of("Not the best means to contact our customers", "We don't have the technology",
                            "Privacy concerns", "Expense", "Too invasive", "Other (please specify)"),
                    new Condition("B_USES_MOBILE", "No"), "B_NO_MOBILE_REASONS_OTHER"),
            text(BUSINESS, "B_NO_MOBILE_REASONS_OTHER",
                    "Why does your company not engage customers through mobile? - Other (please specify) - Text"));

    private CareGapQuestionnaire() {
    }

    /** The questions of a segment ({@link #CONSUMER} or {@link #BUSINESS}), in questionnaire order. */
    public static List<Question> of(String segment) {
        return switch (segment) {
            case CONSUMER -> CONSUMER_QUESTIONS;
            case BUSINESS -> BUSINESS_QUESTIONS;
            default -> throw new IllegalArgumentException("No such segment: " + segment);
        };
    }

    /** The question of a segment with this id. */
    public static Question question(String segment, String id) {
        return of(segment).stream().filter(q -> q.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No question " + id + " in " + segment));
    }

    /** The option with exactly this text: the generator writes answers as the options' own texts. */
    static Optional<Option> optionWithText(Question question, String text) {
        return question.options().stream().filter(o -> o.text().equals(text)).findFirst();
    }

    /** True for a text question that only receives the text typed next to another question's "other" option. */
    static boolean isOtherText(Question question) {
        return of(question.segment()).stream().anyMatch(q -> question.id().equals(q.otherText()));
    }

    private static Question single(String segment, String id, String text, List<String> options) {
        return new Question(id, segment, text, QuestionType.SINGLE, options(options), null, null, null, null,
                null, null);
    }

    private static Question scale(String segment, String id, String text, List<String> options) {
        return new Question(id, segment, text, QuestionType.SCALE, options(options), null, null, null, null,
                null, null);
    }

    private static Question multi(String segment, String id, String text, List<String> options,
                                  Condition shownWhen, String otherText) {
        return new Question(id, segment, text, QuestionType.MULTI, options(options), null, null, shownWhen,
                otherText, null, null);
    }

    private static Question text(String segment, String id, String text) {
        return new Question(id, segment, text, QuestionType.TEXT, List.of(), null, null, null, null, null, null);
    }

    private static Question industry(String id, String row) {
        return new Question(id, CONSUMER, INDUSTRY_MATRIX + " - " + row, QuestionType.SCALE,
                options(CARE_5_OR_NONE), INDUSTRY_MATRIX, row, null, null, null, null);
    }

    private static Question age() {
        List<Option> bands = new ArrayList<>();
        int[][] limits = {{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 99}};
        for (int i = 0; i < AGE_BANDS.size(); i++) {
            bands.add(new Option(i + 1, AGE_BANDS.get(i), List.of(), false, false, false, limits[i][0], limits[i][1]));
        }
        return new Question("C_AGE", CONSUMER, "What is your age?", QuestionType.AGE, bands, null, null, null, null,
                18, 99);
    }

    private static List<Option> options(List<String> texts) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            options.add(new Option(i + 1, text, List.of(), text.equals("No experience"), text.equals("None of these"),
                    text.startsWith("Other (please specify)"), null, null));
        }
        return options;
    }
}
