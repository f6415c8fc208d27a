package dev.caregap.read;

/**
 * One cell of a response that belongs to a question, as read: not yet matched or checked.
 *
 * @param question the question id the column maps to
 * @param column   the column's header as written in the file (row 1; for per-option columns also the option)
 * @param option   for a per-option multi-select column (Qualtrics {@code ID_k}, SurveyMonkey option columns),
 *                 the option's text from the study; null for a column that holds the whole answer
 * @param value    the cell as read, never null ("" when empty)
 */
public record RawCell(String question, String column, String option, String value) {
}
