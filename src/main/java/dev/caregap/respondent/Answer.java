package dev.caregap.respondent;

/**
 * One cleaned answer. A multi-select answer is one Answer per chosen option.
 *
 * @param question question id
 * @param choice   the chosen option's code (1-based), or 0 for an open-text answer
 * @param text     open text as typed; for an age, the years as given; else null
 */
public record Answer(String question, int choice, String text) {

    public static Answer choice(String question, int choice) {
        return new Answer(question, choice, null);
    }

    public static Answer text(String question, String text) {
        return new Answer(question, 0, text);
    }
}
