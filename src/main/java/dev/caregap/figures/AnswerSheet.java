package dev.caregap.figures;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One respondent's chosen option codes by question, looked up while that respondent is counted. */
final class AnswerSheet {

    private final Map<String, List<Integer>> codes = new HashMap<>();

    AnswerSheet(Respondent respondent) {
        for (Answer answer : respondent.answers()) {
            if (answer.choice() > 0) {
                codes.computeIfAbsent(answer.question(), q -> new ArrayList<>(2)).add(answer.choice());
            }
        }
    }

    /**
     * The valid options the respondent chose, by option index, or null when there are none: codes
     * outside the question and "not applicable" options are no valid answer, and a question that takes
     * one answer keeps only the first.
     */
    boolean[] validChoices(Question question) {
        List<Integer> chosen = codes.get(question.id());
        if (chosen == null) {
            return null;
        }
        boolean[] valid = new boolean[question.options().size()];
        boolean any = false;
        for (int code : chosen) {
            Option option = question.option(code).orElse(null);
            if (option == null || option.notApplicable()) {
                continue;
            }
            valid[code - 1] = true;
            any = true;
            if (question.type() != QuestionType.MULTI) {
                break;
            }
        }
        return any ? valid : null;
    }

    /** Whether the respondent's answers to the question include the code. */
    boolean chose(String question, int code) {
        List<Integer> chosen = codes.get(question);
        return chosen != null && chosen.contains(code);
    }

    /** The first code answered to the question, or 0 when none. */
    int firstCode(String question) {
        List<Integer> chosen = codes.get(question);
        return chosen == null ? 0 : chosen.get(0);
    }
}
