package dev.caregap.read;

/**
 * Something wrong with a row as the file writes it, found while reading (its cells do not match the header);
 * cleaning records it with the row's other issues.
 *
 * @param column where: a header as written, or "column N (past the header's M)"
 * @param value  the value concerned as read, or "" (never a personal-data value)
 * @param reason what is wrong, in plain words
 */
public record ReadIssue(String column, String value, String reason) {
}
