package dev.caregap.study;

/** How a question is answered, which decides how its cells are read and counted. */
public enum QuestionType {
    /** One option of a list. */
    SINGLE,
    /** One point of an ordered scale; the last two non-"not applicable" points are its top-2. */
    SCALE,
    /** Any number of options ("select all that apply"). */
    MULTI,
    /** Age in years or as a band; stored as the band, banded by the options' min/max. */
    AGE,
    /** Open text, kept as typed and never interpreted. */
    TEXT
}
