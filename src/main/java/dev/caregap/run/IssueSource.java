package dev.caregap.run;

import dev.caregap.respondent.Issue;

/**
 * The values a run's exports had set missing or corrected, one at a time (never all in memory), each with
 * the name of the export file it was found in: file, row, column and value, so the source can be fixed.
 */
@FunctionalInterface
public interface IssueSource {

    void forEach(IssueConsumer consumer);

    @FunctionalInterface
    interface IssueConsumer {
        void accept(String exportFile, Issue issue);
    }
}
