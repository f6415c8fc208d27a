package dev.caregap.figures;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Question;

import java.util.Arrays;
import java.util.Map;

/**
 * One respondent's chosen option codes by question, looked up while that respondent is counted. Questions are
 * looked up by their place in the study, and one sheet is filled again for each respondent: counting a million
 * respondents makes no map or list per respondent.
 */
final class AnswerSheet {

    private final Map<String, Integer> places;
    /** By question place: the codes chosen, in the order answered; {@code counts} says how many are set. */
    private final int[][] codes;
    private final int[] counts;
    /** The places filled for the current respondent, to empty them for the next. */
    private final int[] filled;
    private int filledCount;

    /** @param places every question's place, from 0 to one less than their number */
    AnswerSheet(Map<String, Integer> places) {
        this.places = places;
        this.codes = new int[places.size()][];
        this.counts = new int[places.size()];
        this.filled = new int[places.size()];
    }

    /** Takes the respondent's chosen codes; what the previous respondent chose is forgotten. */
    AnswerSheet fill(Respondent respondent) {
        for (int i = 0; i < filledCount; i++) {
            counts[filled[i]] = 0;
        }
        filledCount = 0;
        for (Answer answer : respondent.answers()) {
            if (answer.choice() > 0) {
                Integer place = places.get(answer.question());
                if (place != null) {
                    add(place, answer.choice());
                }
            }
        }
        return this;
    }

    private void add(int place, int code) {
        int count = counts[place];
        if (count == 0) {
            filled[filledCount++] = place;
            if (codes[place] == null) {
                codes[place] = new int[2];
            }
        } else if (count == codes[place].length) {
            codes[place] = Arrays.copyOf(codes[place], count * 2);
        }
        codes[place][count] = code;
        counts[place] = count + 1;
    }

    /**
     * Puts in {@code valid} the option indexes (code - 1) of the valid options the respondent chose to the question at
     * {@code place}, and says how many: none when there are none. Codes outside the question and "not applicable"
     * options are no valid answer ({@code answers} says which codes are), a code given twice counts once, and a
     * question that takes one answer keeps only the first.
     *
     * @param valid as long as the question has options
     */
    int validChoices(int place, boolean[] answers, boolean multi, int[] valid) {
        int count = counts[place];
        int found = 0;
        int[] chosen = codes[place];
        for (int i = 0; i < count; i++) {
            int code = chosen[i];
            if (code > answers.length || !answers[code - 1] || (found > 0 && already(valid, found, code - 1))) {
                continue;
            }
            valid[found++] = code - 1;
            if (!multi) {
                break;
            }
        }
        return found;
    }

    private static boolean already(int[] valid, int found, int index) {
        for (int i = 0; i < found; i++) {
            if (valid[i] == index) {
                return true;
            }
        }
        return false;
    }

    /** Whether the respondent's answers to the question at {@code place} include the code. */
    boolean chose(int place, int code) {
        int[] chosen = codes[place];
        for (int i = 0; i < counts[place]; i++) {
            if (chosen[i] == code) {
                return true;
            }
        }
        return false;
    }

    /**
     * The option index (code - 1) of the first code answered to the question at {@code place} when it is an answer
     * ({@code answers} says which are), else -1.
     */
    int firstAnswer(int place, boolean[] answers) {
        if (counts[place] == 0) {
            return -1;
        }
        int code = codes[place][0];
        return code <= answers.length && answers[code - 1] ? code - 1 : -1;
    }

    /** By option index: whether choosing the option is an answer (a "not applicable" option is none). */
    static boolean[] answers(Question question) {
        boolean[] answers = new boolean[question.options().size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = !question.options().get(i).notApplicable();
        }
        return answers;
    }
}
