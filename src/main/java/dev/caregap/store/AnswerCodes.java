package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;

import java.util.ArrayList;
import java.util.List;

/**
 * How a respondent's answers are kept in one column of the respondent row: {@code QID=choice} entries
 * joined by {@code ;}, an entry per chosen option of a multi-select, and {@code QID=choice~text} where the
 * answer carries text (open text, typed "other", an age in years). In text, {@code %} and {@code ;} are
 * written {@code %25} and {@code %3B}. One row per respondent, rather than one per answer, is what lets a
 * million-respondent export be stored and read back at file speed.
 *
 * <p>Example: {@code C_COUNTRY=1;C_AGE=2~34;C_PREF_CHANNELS=1;C_PREF_CHANNELS=2;C_COMMENT=0~Fine%3B thanks}
 */
public final class AnswerCodes {

    /** Longer open text is cut here: no survey answer is this long, and a row must stay a row. */
    static final int MAX_TEXT = 20_000;

    private AnswerCodes() {
    }

    /**
     * Whether a respondent reads back from the store as it is: no open text longer than is kept, and an end the
     * database keeps exactly (to the microsecond).
     */
    public static boolean keptAsIs(Respondent respondent) {
        if (respondent.endedAt() != null && respondent.endedAt().getNano() % 1_000 != 0) {
            return false;
        }
        for (Answer answer : respondent.answers()) {
            if (answer.text() != null && answer.text().length() > MAX_TEXT) {
                return false;
            }
        }
        return true;
    }

    public static String encode(List<Answer> answers) {
        StringBuilder out = new StringBuilder(answers.size() * 14);
        for (Answer answer : answers) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(answer.question()).append('=').append(answer.choice());
            if (answer.text() != null) {
                out.append('~');
                String text = answer.text();
                escape(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text, out);
            }
        }
        return out.toString();
    }

    public static List<Answer> decode(String encoded) {
        List<Answer> answers = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return answers;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf(';', start);
            if (end < 0) {
                end = encoded.length();
            }
            answers.add(entry(encoded, start, end));
            start = end + 1;
        }
        return answers;
    }

    private static Answer entry(String encoded, int start, int end) {
        int equals = encoded.indexOf('=', start);
        int tilde = encoded.indexOf('~', equals);
        boolean hasText = tilde >= 0 && tilde < end;
        String question = encoded.substring(start, equals);
        int choice = Integer.parseInt(encoded, equals + 1, hasText ? tilde : end, 10);
        return new Answer(question, choice, hasText ? unescape(encoded.substring(tilde + 1, end)) : null);
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case ';' -> out.append("%3B");
                default -> out.append(c);
            }
        }
    }

    private static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        return text.replace("%3B", ";").replace("%25", "%");
    }
}
