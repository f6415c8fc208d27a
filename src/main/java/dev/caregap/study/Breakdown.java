package dev.caregap.study;

import java.util.List;

/**
 * A way to split figures into groups, by the answer to one question per segment.
 *
 * @param id        e.g. {@code country}
 * @param label     for people; the id when the study gives none
 * @param questions per segment, the question whose answer names the group (C_COUNTRY and B_COUNTRY for country)
 */
public record Breakdown(String id, String label, List<String> questions) {

    /** The breakdown of the figures counted over all respondents, as figures.csv names it: no breakdown's id. */
    public static final String TOTAL = "total";
    /** What a stakeholder's filter names to get one segment's figures ({@code segment: consumer}): no breakdown's id. */
    public static final String SEGMENT = "segment";

    public Breakdown {
        label = label == null || label.isBlank() ? id : label;
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
