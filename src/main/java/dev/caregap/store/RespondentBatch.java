package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;

import java.util.List;

/**
 * The respondents (and their data issues) of an export buffered since the last commit, and how they are written: the
 * writer commits one batch per transaction, whatever the database.
 */
interface RespondentBatch {

    void add(Respondent respondent, List<Issue> issues);

    /** Respondents buffered since the last {@link #clear()}. */
    int rows();

    /** Writes what is buffered, inside the caller's transaction. */
    void write();

    void clear();
}
