package dev.caregap.ops;

/**
 * caregap:type=Intake: exports as they arrive. Counts come from the database (every instance shows the same);
 * the export being read is this instance's.
 */
public interface IntakeMXBean {

    /** Every file that arrived, whatever became of it. */
    long getExportsReceived();

    long getExportsIngested();

    long getExportsRejected();

    /** Content that had been ingested before: recorded, nothing changed. */
    long getExportsRepeated();

    /** Being read now, by any instance. */
    long getExportsReading();

    /**
     * Ingested exports whose identities are still being written into the identity index, by any instance: the
     * next export of their study settles once they are there.
     */
    long getExportsIndexing();

    /** The export this instance is reading now ("" when none). */
    String getCurrentExport();

    long getCurrentRowsRead();

    double getCurrentRowsPerSecond();

    /** How much of the file was read, in percent; -1 when not known (workbooks) or nothing is read. */
    double getCurrentPercentRead();

    /** Estimated seconds left; -1 when not known. */
    long getCurrentSecondsLeft();

    /** The file that arrived last. */
    String getLastExport();

    /** INGESTED, REJECTED, REPEAT, READING or INTERRUPTED. */
    String getLastExportStatus();

    /** When it arrived (ISO-8601, UTC). */
    String getLastExportReceived();

    /** Why it was rejected or repeated ("" otherwise). */
    String getLastExportReason();

    /** Whether this instance's intake (inbox and mail) is paused. */
    boolean isPaused();
}
