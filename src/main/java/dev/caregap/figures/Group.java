package dev.caregap.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group of a breakdown (or the total), with where it sits in each segment: the index of the
 * option, in that segment's breakdown question, that names it.
 *
 * @param breakdown      {@link Figure#TOTAL} or the breakdown id
 * @param label          {@link Figure#ALL} or the option text, e.g. "United States"
 * @param indexBySegment segment id to option index; empty for the total, which applies to every segment
 */
record Group(String breakdown, String label, Map<String, Integer> indexBySegment) {

    static final Group TOTAL = new Group(Figure.TOTAL, Figure.ALL, Map.of());

    Group {
        indexBySegment = Map.copyOf(indexBySegment);
    }

    boolean isTotal() {
        return Figure.TOTAL.equals(breakdown);
    }

    boolean appliesTo(String segment) {
        return isTotal() || indexBySegment.containsKey(segment);
    }

    /** Collects a group's option index in each segment whose breakdown question names it. */
    static final class Builder {
        private final String breakdown;
        private final String label;
        private final Map<String, Integer> indexBySegment = new LinkedHashMap<>();

        Builder(String breakdown, String label) {
            this.breakdown = breakdown;
            this.label = label;
        }

        Builder index(String segment, int index) {
            indexBySegment.putIfAbsent(segment, index);
            return this;
        }

        Group build() {
            return new Group(breakdown, label, indexBySegment);
        }
    }
}
