package dev.caregap.sample;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.caregap.sample.CareGapQuestionnaire.AGE_BANDS;
import static dev.caregap.sample.CareGapQuestionnaire.BUSINESS;
import static dev.caregap.sample.CareGapQuestionnaire.CONSUMER;

/**
 * The included respondents of the Care Gap sample: 1,100 consumers and 550 businesses whose answers hold
 * exactly the published counts (docs/published-figures.md), plus the sample's own choices for what the articles
 * do not publish. Every count below is dealt out exactly; only who gets which answer is shuffled.
 */
public final class CareGapSample {

    public static final int CONSUMERS = 1_100;
    public static final int BUSINESSES = 550;

    /** Fieldwork: responses end between this moment and two weeks later. */
    static final LocalDateTime FIELDWORK_START = LocalDateTime.of(2026, 3, 2, 8, 0, 0);

    private static final long SEED = 20260302L;

    /** The counts the consumers hold, by question and option (C_AGE by band). */
    public static final Map<String, Map<String, Integer>> CONSUMER_COUNTS = new LinkedHashMap<>();
    /** The counts the businesses hold, by question and option. */
    public static final Map<String, Map<String, Integer>> BUSINESS_COUNTS = new LinkedHashMap<>();
    /** How many consumers chose "None of these" (alone) for C_PREF_CHANNELS. */
    public static final int NO_PREFERRED_CHANNEL = 40;

    static {
        CONSUMER_COUNTS.put("C_COUNTRY", counts("United States", 440, "United Kingdom", 330, "Australia", 330));
        CONSUMER_COUNTS.put("C_AGE", counts(AGE_BANDS.get(0), 150, AGE_BANDS.get(1), 230, AGE_BANDS.get(2), 220,
                AGE_BANDS.get(3), 200, AGE_BANDS.get(4), 170, AGE_BANDS.get(5), 130));
        CONSUMER_COUNTS.put("C_GENDER", counts("Female", 560, "Male", 520, "Non-binary", 12, "Prefer not to say", 8));
        CONSUMER_COUNTS.put("C_CARE", counts("Strongly disagree", 150, "Disagree", 254,
                "Neither agree nor disagree", 300, "Agree", 290, "Strongly agree", 106));
        CONSUMER_COUNTS.put("C_MOBILE_SAT", counts("Very dissatisfied", 120, "Dissatisfied", 203,
                "Neither satisfied nor dissatisfied", 260, "Satisfied", 380, "Very satisfied", 137));
        CONSUMER_COUNTS.put("C_OPEN_MOBILE", counts("Yes", 946, "No", 90, "Not sure", 64));
        CONSUMER_COUNTS.put("C_PREF_CHANNELS", counts("Email", 627, "Text message (SMS)", 451, "Phone call", 330,
                "Voicemail", 262, "Social media", 205, "Mobile app", 198, "None of these", NO_PREFERRED_CHANNEL));
        CONSUMER_COUNTS.put("C_PREF_URGENT", counts("Email", 278, "Text message (SMS)", 452, "Phone call", 190,
                "Mobile app", 110, "Social media", 70));
        CONSUMER_COUNTS.put("C_PREF_MARKETING", counts("Email", 541, "Text message (SMS)", 236, "Phone call", 70,
                "Mobile app", 103, "Social media", 150));
        // Top-2 over the base without "No experience": 449/1020 = 44.0%, 443/1080 = 41.0%, 378/1050 = 36.0%,
        // 317/960 = 33.0%, 300/1070 = 28.0%.
        CONSUMER_COUNTS.put("C_IND_HEALTHCARE", industry(110, 171, 290, 330, 119, 80));
        CONSUMER_COUNTS.put("C_IND_RETAIL", industry(120, 207, 310, 340, 103, 20));
        CONSUMER_COUNTS.put("C_IND_FINANCE", industry(150, 222, 300, 290, 88, 50));
        CONSUMER_COUNTS.put("C_IND_INSURANCE", industry(160, 213, 270, 245, 72, 140));
        CONSUMER_COUNTS.put("C_IND_TELECOM", industry(220, 250, 300, 230, 70, 30));

        BUSINESS_COUNTS.put("B_COUNTRY", counts("United States", 220, "United Kingdom", 165, "Australia", 165));
        BUSINESS_COUNTS.put("B_INDUSTRY", counts("Healthcare", 90, "Retail", 120, "Finance", 100, "Insurance", 70,
                "Telecom, cable and utilities", 80, "Other", 90));
        BUSINESS_COUNTS.put("B_SIZE", counts("1-49", 180, "50-249", 160, "250-999", 110, "1,000 or more", 100));
        BUSINESS_COUNTS.put("B_CARE", counts("Strongly disagree", 20, "Disagree", 48,
                "Neither agree nor disagree", 80, "Agree", 260, "Strongly agree", 142));
        BUSINESS_COUNTS.put("B_CUST_PLEASED", counts("Strongly disagree", 25, "Disagree", 56,
                "Neither agree nor disagree", 100, "Agree", 250, "Strongly agree", 119));
        BUSINESS_COUNTS.put("B_USES_MOBILE", counts("Yes", 319, "No", 231));
        BUSINESS_COUNTS.put("B_CHANNELS_USED", sum(channelsOfMobileUsers(), channelsOfOthers()));
        BUSINESS_COUNTS.put("B_NO_MOBILE_REASONS", counts("Not the best means to contact our customers", 109,
                "We don't have the technology", 90, "Privacy concerns", 37, "Expense", 30, "Too invasive", 23,
                "Other (please specify)", Wording.OTHER_REASONS.size()));
    }

    private final List<SampleResponse> consumers;
    private final List<SampleResponse> businesses;

    private CareGapSample(List<SampleResponse> consumers, List<SampleResponse> businesses) {
        this.consumers = consumers;
        this.businesses = businesses;
    }

    /** The sample; the same respondents with the same answers on every call. */
    public static CareGapSample build() {
        Allocation allocation = new Allocation(SEED);
        return new CareGapSample(buildConsumers(allocation), buildBusinesses(allocation));
    }

    /** The 1,100 included consumers, answers spelt exactly as the questionnaire words them. */
    public List<SampleResponse> consumers() {
        return consumers;
    }

    /** The 550 included businesses, answers spelt exactly as the questionnaire words them. */
    public List<SampleResponse> businesses() {
        return businesses;
    }

    private static List<SampleResponse> buildConsumers(Allocation allocation) {
        Map<String, List<String>> single = new LinkedHashMap<>();
        CONSUMER_COUNTS.forEach((question, counts) -> {
            if (!question.equals("C_PREF_CHANNELS")) {
                single.put(question, allocation.spread(counts));
            }
        });
        // "None of these" is chosen alone; everyone else chooses from the six channels.
        Map<String, Integer> channels = new LinkedHashMap<>(CONSUMER_COUNTS.get("C_PREF_CHANNELS"));
        channels.remove("None of these");
        List<List<String>> chosen = new ArrayList<>(allocation.cover(CONSUMERS - NO_PREFERRED_CHANNEL, channels));
        for (int i = 0; i < NO_PREFERRED_CHANNEL; i++) {
            chosen.add(List.of("None of these"));
        }
        java.util.Collections.shuffle(chosen, new java.util.Random(SEED + 1));

        List<SampleResponse> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            Map<String, List<String>> answers = new LinkedHashMap<>();
            for (var question : CareGapQuestionnaire.of(CONSUMER)) {
                String id = question.id();
                if (id.equals("C_AGE")) {
                    answers.put(id, List.of(String.valueOf(ageIn(single.get(id).get(i), allocation))));
                } else if (id.equals("C_PREF_CHANNELS")) {
                    answers.put(id, chosen.get(i));
                } else if (id.equals("C_COMMENT")) {
                    // About one consumer in nine leaves a comment.
                    if (allocation.between(0, 8) == 0) {
                        answers.put(id, List.of(Wording.COMMENTS.get(allocation.between(0, Wording.COMMENTS.size() - 1))));
                    }
                } else {
                    answers.put(id, List.of(single.get(id).get(i)));
                }
            }
            consumers.add(timed("R_" + Wording.responseIdCode(i), CONSUMER, answers, allocation));
        }
        return consumers;
    }

    private static List<SampleResponse> buildBusinesses(Allocation allocation) {
        Map<String, List<String>> single = new LinkedHashMap<>();
        for (String question : List.of("B_COUNTRY", "B_INDUSTRY", "B_SIZE", "B_CARE", "B_CUST_PLEASED", "B_USES_MOBILE")) {
            single.put(question, allocation.spread(BUSINESS_COUNTS.get(question)));
        }
        List<String> usesMobile = single.get("B_USES_MOBILE");
        int users = (int) usesMobile.stream().filter("Yes"::equals).count();
        // Text messages and apps only where mobile is used; reasons only where it is not.
        List<List<String>> channelsOfUsers = allocation.cover(users, channelsOfMobileUsers());
        List<List<String>> channelsOfOthers = allocation.cover(BUSINESSES - users, channelsOfOthers());
        Map<String, Integer> channelOrder = BUSINESS_COUNTS.get("B_CHANNELS_USED");
        List<List<String>> reasons = allocation.cover(BUSINESSES - users, BUSINESS_COUNTS.get("B_NO_MOBILE_REASONS"));

        List<SampleResponse> businesses = new ArrayList<>();
        int user = 0;
        int other = 0;
        int otherReason = 0;
        for (int i = 0; i < BUSINESSES; i++) {
            Map<String, List<String>> answers = new LinkedHashMap<>();
            int respondent = i;
            single.forEach((question, values) -> answers.put(question, List.of(values.get(respondent))));
            boolean uses = usesMobile.get(i).equals("Yes");
            List<String> channels = uses ? channelsOfUsers.get(user++) : channelsOfOthers.get(other);
            answers.put("B_CHANNELS_USED", channelOrder.keySet().stream().filter(channels::contains).toList());
            if (!uses) {
                List<String> why = reasons.get(other++);
                answers.put("B_NO_MOBILE_REASONS", why);
                if (why.contains("Other (please specify)")) {
                    answers.put("B_NO_MOBILE_REASONS_OTHER", List.of(Wording.OTHER_REASONS.get(otherReason++)));
                }
            }
            businesses.add(timed(String.valueOf(114_598_230_000L + 37L * i + allocation.between(0, 36)),
                    BUSINESS, answers, allocation));
        }
        return businesses;
    }

    /** Ends somewhere in the two weeks of fieldwork, after three to twenty-five minutes. */
    private static SampleResponse timed(String id, String segment, Map<String, List<String>> answers,
                                        Allocation allocation) {
        LocalDateTime end = FIELDWORK_START.plusSeconds(allocation.between(0, 14 * 24 * 3600));
        LocalDateTime start = end.minusSeconds(allocation.between(180, 1500));
        return new SampleResponse(id, segment, start, end, 100, answers);
    }

    private static int ageIn(String band, Allocation allocation) {
        var option = CareGapQuestionnaire.optionWithText(CareGapQuestionnaire.question(CONSUMER, "C_AGE"), band)
                .orElseThrow();
        return allocation.between(option.min(), Math.min(option.max(), 84));
    }

    // Channel counts of businesses that use mobile (319) and of those that do not (231); they add up to
    // the published Email 402, Phone calls 308, SMS 303, Social media 297, Mobile apps 231, Games 44.
    private static Map<String, Integer> channelsOfMobileUsers() {
        return counts("Email", 242, "Phone calls", 188, "Text messages (SMS)", 303, "Social media", 187,
                "Mobile apps", 231, "Games", 34);
    }

    private static Map<String, Integer> channelsOfOthers() {
        return counts("Email", 160, "Phone calls", 120, "Social media", 110, "Games", 10);
    }

    private static Map<String, Integer> industry(int veryPoorly, int poorly, int neither, int well, int veryWell,
                                                 int noExperience) {
        return counts("Very poorly", veryPoorly, "Poorly", poorly, "Neither well nor poorly", neither,
                "Well", well, "Very well", veryWell, "No experience", noExperience);
    }

    private static Map<String, Integer> sum(Map<String, Integer> first, Map<String, Integer> second) {
        Map<String, Integer> total = new LinkedHashMap<>(first);
        second.forEach((option, count) -> total.merge(option, count, Integer::sum));
        return total;
    }

    private static Map<String, Integer> counts(Object... optionsAndCounts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < optionsAndCounts.length; i += 2) {
            counts.put((String) optionsAndCounts[i], (Integer) optionsAndCounts[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(counts);
    }
}
