package dev.caregap.ingest;

/**
 * What became of one export: ingested, a repeat of one already ingested, rejected, or failed by an unexpected
 * error. It is the body the ingest route passes on, and the event a run reacts to. A file the intake refuses
 * before reading it (a link, a name too long to keep, an export that ends in the middle of a row) is rejected with
 * no export number: it was never registered. File names and reasons are shown with control characters escaped
 * ({@link IntakeText}), so they can never split a log line or a reason file.
 *
 * @param status      what became of it
 * @param exportId    its number in the export register (0 when it was refused before it was registered)
 * @param fileName    the name it arrived under
 * @param study       the study it belongs to (null when rejected before that was known)
 * @param layout      the layout recognised (null when rejected before that was known)
 * @param rowsRead    respondents read
 * @param included    respondents included so far (before duplicates across files are settled)
 * @param excluded    respondents excluded as incomplete, ineligible or with no segment
 * @param issues      values set missing or corrected
 * @param reason      for a rejection or repeat, one plain sentence; for a failure, the error
 * @param details     for a rejection, where (row, column, value); else empty
 */
public record IngestOutcome(Status status, long exportId, String fileName, String study, String layout,
                            long rowsRead, long included, long excluded, long issues, String reason, String details) {

    /** FAILED: not the file's fault, an unexpected error; nothing of it was stored. */
    public enum Status { INGESTED, REPEAT, REJECTED, FAILED }

    /** A file refused before it was read or registered: why, and where (may be empty). */
    public static IngestOutcome refused(String fileName, String reason, String details) {
        return new IngestOutcome(Status.REJECTED, 0, fileName, null, null, 0, 0, 0, 0, reason, details);
    }

    /** A file that could not be processed because of an unexpected error (a bug, a folder that cannot be written). */
    public static IngestOutcome failed(String fileName, Throwable problem) {
        String message = problem == null ? "unknown" : problem.getMessage() == null ? problem.toString() : problem.getMessage();
        return new IngestOutcome(Status.FAILED, 0, fileName, null, null, 0, 0, 0, 0, message,
                problem == null ? "" : problem.toString());
    }

    public boolean ingested() {
        return status == Status.INGESTED;
    }

    public boolean repeat() {
        return status == Status.REPEAT;
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** The text of the &lt;file&gt;.error.txt written beside a rejected (or failed) export. */
    public String errorText() {
        String name = IntakeText.shown(fileName);
        String nl = System.lineSeparator();
        if (status == Status.FAILED) {
            return "caregap could not process " + name + " because of an unexpected error: " + IntakeText.shown(reason) + nl
                    + nl + "Nothing of this file was stored. The details are in the service log; drop the file again once the"
                    + " cause is solved." + nl;
        }
        return "caregap could not use " + name + ": " + IntakeText.shown(reason) + nl
                + (details == null || details.isBlank() ? "" : nl + IntakeText.shown(details) + nl)
                + nl + "Nothing of this file was stored. Fix it and drop it into the inbox again." + nl;
    }

    /** One line for the log. */
    public String summary() {
        String name = IntakeText.shown(fileName);
        String why = IntakeText.shown(reason);
        return switch (status) {
            case INGESTED -> "Export %d %s (%s, study %s): %d respondents read, %d included, %d excluded, %d values set missing%s"
                    .formatted(exportId, name, layout, study, rowsRead, included, excluded, issues,
                            reason == null ? "" : " (" + why + ")");
            case REPEAT -> "Export %d %s is a repeat: %s".formatted(exportId, name, why);
            case REJECTED -> exportId > 0 ? "Export %d %s rejected: %s".formatted(exportId, name, why)
                    : "%s refused: %s".formatted(name, why);
            case FAILED -> "Could not process %s: %s".formatted(name, IntakeText.shown(details == null || details.isBlank() ? reason : details));
        };
    }
}
