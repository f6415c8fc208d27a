package dev.caregap.read;

/**
 * Something wrong with a row as the file writes it, found while reading (its cells do not match the header);
 * cleaning records it with the row's other issues.
 *
 * @param column where: a header as written, or "column N (past the header's M)"
 * @param value  the value concerned as read, or "" (never a personal-data value)
 * @param reason what is wrong, in plain words
 * @param unreadNearby the file has columns that are never read (personal data, or nothing the study knows), so a
 *                     value of the row kept under a question or the respondent id may have moved there from one
 */
public record ReadIssue(String column, String value, String reason, boolean unreadNearby) {

    /** A fault of a row in a file whose every column is read. */
    public ReadIssue(String column, String value, String reason) {
        this(column, value, reason, false);
    }
}
