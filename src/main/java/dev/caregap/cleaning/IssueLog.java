package dev.caregap.cleaning;

import dev.caregap.respondent.Issue;

import java.util.ArrayList;
import java.util.List;

/**
 * The issues of one row, each value shortened so that a long open text does not fill the report. In a row whose cells
 * do not line up with the header (a stray or missing delimiter) a value read under a column may be another column's,
 * personal data too: such a row's issues keep no value.
 */
final class IssueLog {

    static final int MAX_VALUE_LENGTH = 100;
    static final String NOT_LINED_UP = " (its value is not kept: the row's cells do not line up with the header)";

    private final long row;
    private final boolean shifted;
    private final List<Issue> issues = new ArrayList<>(2);

    /** @param shifted the row's cells do not line up with the header */
    IssueLog(long row, boolean shifted) {
        this.row = row;
        this.shifted = shifted;
    }

    void add(String column, String question, String value, String reason) {
        issues.add(shifted ? new Issue(row, column, question, "", reason + NOT_LINED_UP)
                : new Issue(row, column, question, shorten(value), reason));
    }

    /** The fault of the row itself, as the reading found it (its value already chosen with care for personal data). */
    void addAsRead(String column, String value, String reason) {
        issues.add(new Issue(row, column, null, shorten(value), reason));
    }

    List<Issue> issues() {
        return issues;
    }

    static String shorten(String value) {
        if (value == null || value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        int cut = MAX_VALUE_LENGTH - 1;
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return value.substring(0, cut) + "…";
    }
}
