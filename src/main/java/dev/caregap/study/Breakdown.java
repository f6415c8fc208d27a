package dev.caregap.study;

import java.util.List;

/**
 * A way to split figures into groups, by the answer to one question per segment.
 *
 * @param id        e.g. {@code country}
 * @param label     for people
 * @param questions per segment, the question whose answer names the group (C_COUNTRY and B_COUNTRY for country)
 */
public record Breakdown(String id, String label, List<String> questions) {

    public Breakdown {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
