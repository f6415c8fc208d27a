package dev.caregap.run;

import dev.caregap.respondent.Respondent;

/**
 * The included respondents of a study, streamed one at a time (never all in memory), each with the
 * name of the export file it came from.
 */
@FunctionalInterface
public interface ResponseSource {

    void forEach(ResponseConsumer consumer);

    @FunctionalInterface
    interface ResponseConsumer {
        void accept(String exportFile, Respondent respondent);
    }
}
