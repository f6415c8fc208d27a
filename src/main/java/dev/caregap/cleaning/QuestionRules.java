package dev.caregap.cleaning;

import dev.caregap.respondent.Answer;
import dev.caregap.study.Condition;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.util.Map;

/**
 * Everything cleaning needs to know about one question, worked out once from the study: how to match its
 * answers, where its "other" text goes, which option is exclusive and when it is shown. The study is
 * trusted: it was checked, and its display logic resolved to options, when it was made.
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
    /** Where the text typed next to "other" goes, or null. */
    QuestionRules otherText;
    /** The code of the option that cannot be chosen with others, or 0. */
    final int exclusiveCode;
    final String exclusiveReason;
    /** By option code: the answer choosing it. */
    private final Answer[] choices;
    /** Display logic: the question it depends on, or null when shown to everyone. */
    QuestionRules shownWhenQuestion;
    /** Display logic: the option of {@link #shownWhenQuestion} it needs. */
    int shownWhenCode;
    String hiddenReason;

    QuestionRules(Question question, int index) {
        this.question = question;
        this.index = index;
        this.choices = new Answer[question.options().stream().mapToInt(Option::code).max().orElse(0) + 1];
        for (Option option : question.options()) {
            choices[option.code()] = Answer.choice(question.id(), option.code());
        }
        this.unmatchedReason = "answer matches no option of " + question.id();
        this.matcher = new OptionMatcher(question);
        this.splitter = question.type() == QuestionType.MULTI ? new MultiSelectSplitter(question) : null;
        this.ageReader = question.type() == QuestionType.AGE ? new AgeReader(question) : null;
        this.otherCode = question.options().stream().filter(Option::other).mapToInt(Option::code).findFirst().orElse(0);
        Option exclusive = question.options().stream().filter(Option::exclusive).findFirst().orElse(null);
        this.exclusiveCode = exclusive == null ? 0 : exclusive.code();
        this.exclusiveReason = exclusive == null ? null : exclusive.text() + " chosen with other options: dropped";
    }

    /** The answer "this option" to the question: an answer is a value, and a million respondents give the same few. */
    Answer choice(int code) {
        Answer given = code > 0 && code < choices.length ? choices[code] : null;
        return given != null ? given : Answer.choice(question.id(), code);
    }

    /** Links the rules that refer to other questions, once all questions have rules. */
    void link(Map<String, QuestionRules> byId) {
        if (question.otherText() != null) {
            otherText = byId.get(question.otherText());
        }
        Condition condition = question.shownWhen();
        if (condition != null) {
            shownWhenQuestion = byId.get(condition.question());
            shownWhenCode = condition.option().code();
            hiddenReason = "shown only when " + condition.question() + " = " + condition.option().text() + "; ignored";
        }
    }

    /** Whether a per-option column's cell says the option was chosen: anything but empty, 0 or false. */
    static boolean chosen(String cell) {
        String value = cell.strip();
        return !value.isEmpty() && !value.equalsIgnoreCase("false") && WholeNumber.parse(value) != 0;
    }

    /** Whether a per-option "other" cell holds only the mark that it was chosen, not a typed text. */
    boolean onlyMarksOther(String cell) {
        return WholeNumber.parse(cell.strip()) == 1 || otherCode != 0 && matcher.named(cell) == otherCode;
    }
}
