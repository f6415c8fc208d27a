package dev.caregap.respondent;

/** Why a respondent who was read does not count in the figures. */
public enum Exclusion {
    /** Did not finish the survey (Finished false/0, or Progress below 100). */
    INCOMPLETE("did not finish the survey"),
    /** Under the study's minimum age. */
    INELIGIBLE("under the minimum age"),
    /** Same respondent id in the same segment answered again later; only the latest response counts. */
    DUPLICATE("a later response with the same respondent id counts instead"),
    /** A tidy file's segment column held no segment of the study. */
    NO_SEGMENT("segment not recognised");

    private final String reason;

    Exclusion(String reason) {
        this.reason = reason;
    }

    /** The reason in plain words, for data-quality reports. */
    public String reason() {
        return reason;
    }
}
