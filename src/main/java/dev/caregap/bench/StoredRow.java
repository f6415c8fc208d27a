package dev.caregap.bench;

/**
 * One respondent row as the service stores it (the columns RespondentWriter writes), for the store comparison.
 *
 * @param endedAtMicros when the response ended, microseconds since the epoch, or null
 * @param answers       the answers as AnswerCodes encodes them
 */
record StoredRow(long rowNo, String segment, String respondentId, Long endedAtMicros, double weight, String exclusion,
                 String answers) {
}
