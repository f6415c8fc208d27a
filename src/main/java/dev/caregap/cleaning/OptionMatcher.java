package dev.caregap.cleaning;

import dev.caregap.study.OptionNames;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.TextKey;

/**
 * Tells which option of one question an answer in an export names: the option it names as the study
 * understands names ({@link OptionNames}: text or alias, normalised), and for single-answer and scale
 * questions also the option's number ("4", or "4.0" as a spreadsheet writes it). Built once per question.
 */
final class OptionMatcher {

    /** Returned when an answer names no option. */
    static final int NO_OPTION = OptionNames.NO_OPTION;

    private final Question question;
    private final OptionNames names;
    private final boolean acceptsNumbers;

    OptionMatcher(Question question) {
        this.question = question;
        this.names = new OptionNames(question);
        this.acceptsNumbers = question.type() == QuestionType.SINGLE || question.type() == QuestionType.SCALE;
    }

    /** The code of the option the answer names, or {@link #NO_OPTION}. */
    int match(String answer) {
        int code = names.code(answer);
        if (code != NO_OPTION || !acceptsNumbers || answer == null) {
            return code;
        }
        int number = WholeNumber.parse(answer);  // "4" as numeric exports write it, without normalising
        if (number == WholeNumber.NONE) {
            number = WholeNumber.parse(TextKey.of(answer));  // " 4 ", full-width digits
        }
        return number >= 1 && number <= question.options().size() ? number : NO_OPTION;
    }

    /** The code of the option the text names, numbers not counting (a number in a per-option cell marks it). */
    int named(String text) {
        return names.code(text);
    }

    Question question() {
        return question;
    }
}
