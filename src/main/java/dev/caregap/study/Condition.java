package dev.caregap.study;

/**
 * Display logic: the question is shown only to respondents who gave {@code answer} to {@code question}.
 *
 * @param question the question it depends on
 * @param answer   the answer as the study file writes it
 * @param option   the option of {@code question} that {@code answer} names (see {@link OptionNames}); resolved
 *                 when the {@link Study} is made, so every condition of a study has it (null only before)
 */
public record Condition(String question, String answer, Option option) {

    /** A condition as written, its answer not yet resolved. */
    public Condition(String question, String answer) {
        this(question, answer, null);
    }

    Condition resolvedTo(Option resolved) {
        return new Condition(question, answer, resolved);
    }
}
