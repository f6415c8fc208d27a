package dev.caregap.quality;

import dev.caregap.respondent.Respondent;

/**
 * What an export held, counted as its respondents stream by: rows read, included (before duplicates across
 * exports are settled, which a run does) and excluded for each reason. Kept with the export, so a run's
 * data-quality account does not count stored rows again.
 */
public final class ExportCount {

    private long rows;
    private long included;
    private long incomplete;
    private long ineligible;
    private long noSegment;

    public void add(Respondent respondent) {
        rows++;
        if (respondent.exclusion() == null) {
            included++;
            return;
        }
        switch (respondent.exclusion()) {
            case INCOMPLETE -> incomplete++;
            case INELIGIBLE -> ineligible++;
            case NO_SEGMENT -> noSegment++;
            // duplicates are decided across exports once the export is stored (the duplicate flag), not as it is read
            case DUPLICATE -> { }
        }
    }

    /** Adds what another count of the same export counted (a part of it read apart). */
    public void add(ExportCount other) {
        rows += other.rows;
        included += other.included;
        incomplete += other.incomplete;
        ineligible += other.ineligible;
        noSegment += other.noSegment;
    }

    public long rows() {
        return rows;
    }

    /** Included before duplicates across exports are taken off. */
    public long included() {
        return included;
    }

    public long incomplete() {
        return incomplete;
    }

    public long ineligible() {
        return ineligible;
    }

    public long noSegment() {
        return noSegment;
    }

    public long excluded() {
        return rows - included;
    }
}
