package dev.caregap.cleaning;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.TextKey;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells which option of one question an answer names: by its text or an alias, compared as {@link TextKey}
 * (NFKC, trimmed, inner white space collapsed, case ignored), and for single-answer and scale questions also
 * by the option's number ("4", or "4.0" as a spreadsheet writes it). Built once per question.
 */
final class OptionMatcher {

    /** Returned when an answer names no option. */
    static final int NO_OPTION = 0;

    private final Question question;
    private final Map<String, Integer> codesByKey = new HashMap<>();
    /** Names exactly as the study writes them: most cells hold one, and need no normalising. */
    private final Map<String, Integer> codesByName = new HashMap<>();
    private final boolean acceptsNumbers;

    OptionMatcher(Question question) {
        this.question = question;
        for (Option option : question.options()) {
            for (String name : option.names()) {
                codesByKey.putIfAbsent(TextKey.of(name), option.code());
                codesByName.putIfAbsent(name, option.code());
            }
        }
        this.acceptsNumbers = question.type() == QuestionType.SINGLE || question.type() == QuestionType.SCALE;
    }

    /** The code of the option the answer names, or {@link #NO_OPTION}. */
    int match(String answer) {
        Integer exact = codesByName.get(answer);
        if (exact != null) {
            return exact;
        }
        String key = TextKey.of(answer);
        Integer code = codesByKey.get(key);
        if (code != null) {
            return code;
        }
        if (acceptsNumbers) {
            int number = WholeNumber.parse(key);
            if (number >= 1 && number <= question.options().size()) {
                return number;
            }
        }
        return NO_OPTION;
    }

    Question question() {
        return question;
    }
}
