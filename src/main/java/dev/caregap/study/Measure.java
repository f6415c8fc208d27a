package dev.caregap.study;

/** What a figure counts. */
public enum Measure {
    /** Share answering one of the two most positive points of a scale. */
    TOP2,
    /** Share choosing one named option. */
    OPTION,
    /** One share per option of the question (multi-select shares need not add to 100). */
    EACH_OPTION,
    /** Difference of two other figures' shares, in points. */
    GAP
}
