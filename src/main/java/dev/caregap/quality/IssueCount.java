package dev.caregap.quality;

/** How many values of one column were set missing or corrected for one reason. */
public record IssueCount(String column, String question, String reason, long count) {
}
