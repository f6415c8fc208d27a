package dev.caregap.sample;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How people and tools write things: the comments and "other" reasons respondents type, the many ways they
 * write a country or an age, answers in other capitalisation or with stray spaces, and response ids.
 * Every variant here still means the same answer under the analysis rules (docs/analysis-rules.md).
 */
final class Wording {

    /** Consumer comments: commas, quotes, line breaks and non-ASCII letters, as people type them. */
    static final List<String> COMMENTS = List.of(
            "Stop texting me at 6am, please.",
            "I'd like fewer emails and more \"real\" answers when I call.",
            "Honestly? They only care when I'm about to leave.",
            "Reminders by text are great.\nMarketing by text is not.",
            "My bank is fine, my phone company is a nightmare, my insurer is somewhere in between",
            "Use my name, not \"Dear Customer\".",
            "Café loyalty apps are the only ones I keep.",
            "No.",
            "Please, please, please let me reply to the SMS instead of calling a hotline.\r\nThanks.",
            "Ask before you call; don't just call.");

    /** Text typed next to "Other (please specify)" by businesses that do not use mobile. */
    static final List<String> OTHER_REASONS = List.of(
            "Our customers are mostly other businesses",
            "Regulation in our sector, mainly",
            "Haven't got round to it",
            "Our CRM can't send texts",
            "We tried SMS in 2019; customers complained",
            "Head office decides, not us",
            "Customers don't give us mobile numbers",
            "It's on next year's plan",
            "We prefer face-to-face contact",
            "Too small to need it",
            "Legal said \"no\"",
            "Not sure – never discussed");

    private static final String BASE_62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final List<List<String>> COUNTRY_SPELLINGS = List.of(
            List.of("United States", "USA", "US", "U.S.", "United States of America", "usa"),
            List.of("United Kingdom", "UK", "U.K.", "England", "Great Britain", "Scotland"),
            List.of("Australia", "Aus", "AU", "AUS", "australia"));

    private Wording() {
    }

    /**
     * The 15 characters after "R_" of a Qualtrics-style response id: ten random-looking characters, then
     * the number itself in base 62, so that ids never repeat (up to 916 million).
     */
    static String responseIdCode(long number) {
        SplittableRandom random = new SplittableRandom(number);
        StringBuilder code = new StringBuilder(15);
        for (int i = 0; i < 10; i++) {
            code.append(BASE_62.charAt(random.nextInt(62)));
        }
        StringBuilder tail = new StringBuilder();
        long rest = number;
        for (int i = 0; i < 5; i++) {
            tail.append(BASE_62.charAt((int) (rest % 62)));
            rest /= 62;
        }
        return code.append(tail.reverse()).toString();
    }

    /** A country as people write it; {@code variant} picks one of the spellings the rules map to it. */
    static String country(String country, int variant) {
        for (List<String> spellings : COUNTRY_SPELLINGS) {
            if (spellings.get(0).equals(country)) {
                return spellings.get(Math.floorMod(variant, spellings.size()));
            }
        }
        return country;
    }

    /** An age as people write it: "34", "34 years" or "34 yrs". */
    static String age(String years, int variant) {
        return switch (Math.floorMod(variant, 3)) {
            case 1 -> years + " years";
            case 2 -> years + " yrs";
            default -> years;
        };
    }

    /** An answer in other capitalisation or with stray spaces, which still matches its option. */
    static String loosely(String answer, int variant) {
        return switch (Math.floorMod(variant, 4)) {
            case 1 -> answer.toLowerCase(Locale.ROOT);
            case 2 -> " " + answer + "  ";
            case 3 -> answer.toUpperCase(Locale.ROOT).replace(" ", "  ");
            default -> answer;
        };
    }
}
