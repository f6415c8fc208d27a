package dev.caregap.cleaning;

/**
 * What an age cell says.
 *
 * @param kind  how the cell was read
 * @param band  the band's option code for {@link Kind#BAND} and {@link Kind#YEARS}, else 0
 * @param years the age in years as a plain number, for {@link Kind#YEARS} and {@link Kind#UNDER_MINIMUM}
 *              when the cell gave years; null when it gave a band or could not be read
 */
record AgeReading(Kind kind, int band, String years) {

    enum Kind {
        /** A band was given. */
        BAND,
        /** Years were given and fall in a band. */
        YEARS,
        /** Younger than the study's minimum age: the respondent is ineligible. */
        UNDER_MINIMUM,
        /** Older than the study's maximum age: not believable, set missing. */
        OVER_MAXIMUM,
        /** Neither years nor a band. */
        UNREADABLE
    }
}
