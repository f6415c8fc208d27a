package dev.caregap.study;

import java.util.List;
import java.util.Optional;

/**
 * One question of a study, as the survey tools know it.
 *
 * @param id        the export tag, e.g. {@code C_CARE}
 * @param segment   the segment whose questionnaire holds it
 * @param text      the question text; for a matrix row, the matrix text and the row label joined by " - "
 * @param type      how it is answered
 * @param options   the options in questionnaire order (codes 1..n); age bands for {@link QuestionType#AGE}
 * @param matrix    for a matrix row, the matrix question's text (Google Forms heads it "matrix [row]")
 * @param row       for a matrix row, the row label
 * @param shownWhen display logic, or null when shown to everyone in the segment
 * @param otherText id of the text question that receives the text typed next to the "other" option
 * @param minimumAge for an age question, the age under which a respondent is ineligible
 * @param maximumAge for an age question, the age above which an answer is unreadable
 */
public record Question(String id, String segment, String text, QuestionType type, List<Option> options,
                       String matrix, String row, Condition shownWhen, String otherText,
                       Integer minimumAge, Integer maximumAge) {

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public Optional<Option> option(int code) {
        return code >= 1 && code <= options.size() ? Optional.of(options.get(code - 1)) : Optional.empty();
    }

    /** The same question with its display logic resolved (see {@link Study}). */
    Question withShownWhen(Condition condition) {
        return new Question(id, segment, text, type, options, matrix, row, condition, otherText, minimumAge, maximumAge);
    }

    /** The valid (not "not applicable") options, in order. */
    public List<Option> validOptions() {
        return options.stream().filter(o -> !o.notApplicable()).toList();
    }

    /** Codes of the two most positive points of a scale: the last two valid options. */
    public List<Integer> topTwo() {
        List<Option> valid = validOptions();
        return valid.subList(Math.max(0, valid.size() - 2), valid.size()).stream().map(Option::code).toList();
    }

    /** Whether an age band lies wholly under the minimum age ("Under 16"): answering it makes a respondent ineligible. */
    public boolean underMinimumAge(Option band) {
        return minimumAge != null && band.max() != null && band.max() < minimumAge;
    }

    public boolean isMatrixRow() {
        return matrix != null && row != null;
    }
}
