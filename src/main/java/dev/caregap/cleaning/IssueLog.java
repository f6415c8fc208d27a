package dev.caregap.cleaning;

import dev.caregap.respondent.Issue;

import java.util.ArrayList;
import java.util.List;

/** The issues of one row, each value shortened so that a long open text does not fill the report. */
final class IssueLog {

    static final int MAX_VALUE_LENGTH = 100;

    private final long row;
    private final List<Issue> issues = new ArrayList<>(2);

    IssueLog(long row) {
        this.row = row;
    }

    void add(String column, String question, String value, String reason) {
        issues.add(new Issue(row, column, question, shorten(value), reason));
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
