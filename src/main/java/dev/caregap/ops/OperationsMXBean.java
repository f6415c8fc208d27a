package dev.caregap.ops;

/**
 * caregap:type=Operations: what an operator may ask the service to do. Each request is recorded with who asked and
 * when, in the log and in the database (table operation_log), and answers with what was done.
 */
public interface OperationsMXBean {

    /** Asks for a new run of the study over every export so far (it starts once the drop has settled). */
    String rerunStudy(String study);

    /** Writes the run's result files again and points latest at them (the study's newest run only). */
    String rewriteResultFiles(long run);

    /** Sends the run's summary again to one recipient, or to every recipient when {@code recipient} is empty. */
    String resendSummary(long run, String recipient);

    /** Moves a file from the failed folder (its path there, e.g. 2026-11-30/101500-wave-1.csv) back to the inbox. */
    String reingestFailedFile(String path);

    /** Pauses this instance's intake: the inbox and mail are no longer read; files wait where they are. */
    String pauseIntake();

    /** Resumes this instance's intake. */
    String resumeIntake();

    /** The failed folder's files, newest first (at most 100), as reingestFailedFile takes them. */
    String[] getFailedFiles();

    /** The newest recorded operations (at most 20), newest first. */
    String[] getRecentOperations();
}
