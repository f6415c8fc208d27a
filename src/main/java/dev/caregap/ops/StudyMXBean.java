package dev.caregap.ops;

import java.util.Map;

/**
 * caregap:type=Study,name=&lt;study&gt;: the study's last run and the figures of its newest run with figures, read
 * from the database.
 */
public interface StudyMXBean {

    String getStudy();

    /** The newest run with figures: respondents it counts. */
    long getRespondentsIncluded();

    long getExcludedIncomplete();

    long getExcludedIneligible();

    long getExcludedDuplicate();

    long getExcludedNoSegment();

    /** The newest run, whatever its state; 0 when there is none. */
    long getLastRun();

    /** REQUESTED, COMPUTING, COMPUTED, DELIVERED or FAILED. */
    String getLastRunStatus();

    /** When it was computed, else asked for (ISO-8601, UTC). */
    String getLastRunTime();

    /** Exports its figures cover (0 until computed). */
    long getLastRunExportsCovered();

    /** Why it failed ("" otherwise). */
    String getLastRunReason();

    /** The run the figures below come from; 0 when none was computed yet. */
    long getFiguresRun();

    /**
     * The study's headline figures over all respondents, by figure id: percent to one decimal as in figures.csv
     * (points for a gap). A figure of several rows has one entry per row, "figure: answer" (each option),
     * "figure: question" when the rows share their answer (each industry's Top-2), or "figure: question answer"
     * when neither tells them apart (each option of each question).
     */
    Map<String, Double> getHeadlineFigures();
}
