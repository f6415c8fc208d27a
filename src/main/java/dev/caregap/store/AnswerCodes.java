package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a respondent's answers are kept in one text of its stored form (RespondentBlock): {@code Q=choice} entries
 * joined by {@code ;}, an entry per chosen option of a multi-select, and {@code Q=choice~text} where the answer carries text
 * (open text, typed "other", an age in years). In text, {@code %} and {@code ;} are written {@code %25} and
 * {@code %3B}. One text per respondent, rather than a row per answer, is what lets a million-respondent export be
 * stored and read back at file speed.
 * <p>
 * {@code Q} is the question's place in the export's codes ({@link #of}): the study's question ids, kept once with the
 * export (survey_export.answer_questions), so a row does not spell out each id again (most of its length otherwise,
 * and of what the store writes). Exports stored before the codes were kept name their questions ({@link #NAMED}).
 *
 * <p>Example, the codes {@code C_COUNTRY, C_AGE, C_PREF_CHANNELS, C_COMMENT}:
 * {@code 0=1;1=2~34;2=1;2=2;3=0~Fine%3B thanks}; named:
 * {@code C_COUNTRY=1;C_AGE=2~34;C_PREF_CHANNELS=1;C_PREF_CHANNELS=2;C_COMMENT=0~Fine%3B thanks}.
 */
public final class AnswerCodes {

    /** Longer open text is cut here: no survey answer is this long, and a row must stay a row. */
    static final int MAX_TEXT = 20_000;

    /** Questions named by their ids: the answers of exports stored before an export kept its codes. */
    public static final AnswerCodes NAMED = new AnswerCodes(null);

    private static final char KEPT_SEPARATOR = '\n';

    /** The question ids by place; null when questions are named. */
    private final List<String> questions;
    /** What an entry writes for each question id: its place. */
    private final Map<String, String> places = new HashMap<>();

    private AnswerCodes(List<String> questions) {
        this.questions = questions;
        if (questions != null) {
            for (int place = 0; place < questions.size(); place++) {
                String id = questions.get(place);
                if (id.indexOf(KEPT_SEPARATOR) >= 0 || places.putIfAbsent(id, Integer.toString(place)) != null) {
                    throw new IllegalArgumentException("question ids must be distinct and on one line: " + id);
                }
            }
        }
    }

    /** Codes against these question ids (a study's), each named by its place among them. */
    public static AnswerCodes of(List<String> questionIds) {
        return new AnswerCodes(List.copyOf(questionIds));
    }

    /** The codes kept with an export ({@link #kept()}); null, from an export stored before codes were kept: named. */
    static AnswerCodes fromKept(String kept) {
        return kept == null ? NAMED : new AnswerCodes(List.of(kept.split(String.valueOf(KEPT_SEPARATOR), -1)));
    }

    /** The codes as the export keeps them: the question ids in their places, a line each; null when named. */
    String kept() {
        return questions == null ? null : String.join(String.valueOf(KEPT_SEPARATOR), questions);
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

    public String encode(List<Answer> answers) {
        StringBuilder out = new StringBuilder(answers.size() * (questions == null ? 14 : 5));
        for (Answer answer : answers) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(label(answer.question())).append('=').append(answer.choice());
            if (answer.text() != null) {
                out.append('~');
                String text = answer.text();
                escape(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text, out);
            }
        }
        return out.toString();
    }

    public List<Answer> decode(String encoded) {
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

    private String label(String question) {
        if (questions == null) {
            return question;
        }
        String place = places.get(question);
        if (place == null) {
            throw new IllegalArgumentException("an answer to " + question + ", which is not among the export's questions");
        }
        return place;
    }

    private Answer entry(String encoded, int start, int end) {
        int equals = encoded.indexOf('=', start);
        int tilde = encoded.indexOf('~', equals);
        boolean hasText = tilde >= 0 && tilde < end;
        String question = questions == null ? encoded.substring(start, equals)
                : questions.get(Integer.parseInt(encoded, start, equals, 10));
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
