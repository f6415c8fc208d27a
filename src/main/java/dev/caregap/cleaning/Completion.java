package dev.caregap.cleaning;

/**
 * Tells whether a respondent finished the survey, from Qualtrics' Finished and Progress columns.
 * Finished "false"/"0" or a Progress below 100 is incomplete. A file without these columns, or an empty
 * cell, says nothing: complete. A value that cannot be read is counted as complete, with an issue, since
 * the tool's own export of a respondent it kept is the better guess than dropping them.
 */
final class Completion {

    static final String FINISHED = "Finished";
    static final String PROGRESS = "Progress";

    private Completion() {
    }

    static boolean incomplete(String finished, String progress, IssueLog issues) {
        boolean incomplete = false;
        if (finished != null && !finished.isBlank()) {
            String value = finished.strip();
            int number = WholeNumber.parse(value);
            if (value.equalsIgnoreCase("false") || number == 0) {
                incomplete = true;
            } else if (!value.equalsIgnoreCase("true") && number != 1) {
                issues.add(FINISHED, null, finished, "Finished not readable: counted as finished");
            }
        }
        if (progress != null && !progress.isBlank()) {
            String value = progress.strip();
            double percent = DecimalNumber.parse(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
            if (Double.isNaN(percent)) {
                issues.add(PROGRESS, null, progress, "Progress not readable: counted as finished");
            } else if (percent < 100) {
                incomplete = true;
            }
        }
        return incomplete;
    }
}
