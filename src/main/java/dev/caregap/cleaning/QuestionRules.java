package dev.caregap.cleaning;

import dev.caregap.study.Condition;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.TextKey;

import java.util.Map;

/**
 * Everything cleaning needs to know about one question, worked out once from the study: how to match its
 * answers, where its "other" text goes, which option is exclusive and when it is shown.
 */
final class QuestionRules {

    final Question question;
    /** Position in the study's question list; answers are written in this order. */
    final int index;
    final String unmatchedReason;
    final OptionMatcher matcher;
    final MultiSelectSplitter splitter;
    final AgeReader ageReader;
    /** The code of the "other (please specify)" option, or 0. */
    final int otherCode;
    private final String otherKey;
    /** Where the text typed next to "other" goes, or null. */
    QuestionRules otherText;
    /** The code of the option that cannot be chosen with others, or 0. */
    final int exclusiveCode;
    final String exclusiveReason;
    /** Display logic: the question it depends on, or null when shown to everyone. */
    QuestionRules shownWhenQuestion;
    /** Display logic: the option of {@link #shownWhenQuestion} it needs. */
    int shownWhenCode;
    String hiddenReason;

    QuestionRules(Question question, int index) {
        this.question = question;
        this.index = index;
        this.unmatchedReason = "answer matches no option of " + question.id();
        this.matcher = new OptionMatcher(question);
        this.splitter = question.type() == QuestionType.MULTI ? new MultiSelectSplitter(question) : null;
        this.ageReader = question.type() == QuestionType.AGE ? new AgeReader(question) : null;
        this.otherCode = question.options().stream().filter(Option::other).mapToInt(Option::code).findFirst().orElse(0);
        this.otherKey = otherCode == 0 ? null : TextKey.of(question.option(otherCode).orElseThrow().text());
        Option exclusive = question.options().stream().filter(Option::exclusive).findFirst().orElse(null);
        this.exclusiveCode = exclusive == null ? 0 : exclusive.code();
        this.exclusiveReason = exclusive == null ? null : exclusive.text() + " chosen with other options: dropped";
    }

    /** Links the rules that refer to other questions, once all questions have rules. */
    void link(Map<String, QuestionRules> byId) {
        if (question.otherText() != null) {
            otherText = byId.get(question.otherText());
        }
        Condition condition = question.shownWhen();
        if (condition != null) {
            shownWhenQuestion = byId.get(condition.question());
            if (shownWhenQuestion == null) {
                throw new IllegalArgumentException(question.id() + " is shown when " + condition.question()
                        + " is answered, but the study has no such question.");
            }
            shownWhenCode = shownWhenQuestion.matcher.match(condition.answer());
            if (shownWhenCode == OptionMatcher.NO_OPTION) {
                throw new IllegalArgumentException(question.id() + " is shown when " + condition.question() + " = "
                        + condition.answer() + ", which is not an option of it.");
            }
            hiddenReason = "shown only when " + condition.question() + " = " + condition.answer() + "; ignored";
        }
    }

    /** Whether a per-option column's cell says the option was chosen: anything but empty, 0 or false. */
    static boolean chosen(String cell) {
        String value = cell.strip();
        return !value.isEmpty() && !value.equalsIgnoreCase("false") && WholeNumber.parse(value) != 0;
    }

    /** Whether a per-option "other" cell holds only the mark that it was chosen, not a typed text. */
    boolean onlyMarksOther(String cell) {
        return WholeNumber.parse(cell.strip()) == 1
                || TextKey.of(cell).equals(otherKey);
    }
}
