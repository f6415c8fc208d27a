package dev.caregap.respondent;

/**
 * A value that was set missing or corrected while cleaning, recorded so that nothing is dropped silently.
 *
 * @param row      the row of the file as a spreadsheet shows it (header rows counted, 1-based)
 * @param column   the column's header as written in the file
 * @param question the question id the column belongs to, or null for metadata (weight, end date)
 * @param value    the value as read (shortened when long)
 * @param reason   what was wrong, in plain words, e.g. "answer matches no option"
 */
public record Issue(long row, String column, String question, String value, String reason) {
}
