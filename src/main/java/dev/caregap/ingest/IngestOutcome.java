package dev.caregap.ingest;

/**
 * What became of one export: ingested, a repeat of one already ingested, or rejected. It is the body the
 * ingest route passes on, and the event a run reacts to.
 *
 * @param status      what became of it
 * @param exportId    its number in the export register
 * @param fileName    the name it arrived under
 * @param study       the study it belongs to (null when rejected before that was known)
 * @param layout      the layout recognised (null when rejected before that was known)
 * @param rowsRead    respondents read
 * @param included    respondents included so far (before duplicates across files are settled)
 * @param excluded    respondents excluded as incomplete, ineligible or with no segment
 * @param issues      values set missing or corrected
 * @param reason      for a rejection or repeat, one plain sentence
 * @param details     for a rejection, where (row, column, value); else empty
 */
public record IngestOutcome(Status status, long exportId, String fileName, String study, String layout,
                            long rowsRead, long included, long excluded, long issues, String reason, String details) {

    public enum Status { INGESTED, REPEAT, REJECTED }

    public boolean ingested() {
        return status == Status.INGESTED;
    }

    public boolean repeat() {
        return status == Status.REPEAT;
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }

    /** The text of the &lt;file&gt;.error.txt written beside a rejected export. */
    public String errorText() {
        return "caregap could not use " + fileName + ": " + reason + System.lineSeparator()
                + (details == null || details.isBlank() ? "" : System.lineSeparator() + details + System.lineSeparator())
                + System.lineSeparator() + "Nothing of this file was stored. Fix it and drop it into the inbox again."
                + System.lineSeparator();
    }

    /** One line for the log. */
    public String summary() {
        return switch (status) {
            case INGESTED -> "Export %d %s (%s, study %s): %d respondents read, %d included, %d excluded, %d values set missing%s"
                    .formatted(exportId, fileName, layout, study, rowsRead, included, excluded, issues,
                            reason == null ? "" : " (" + reason + ")");
            case REPEAT -> "Export %d %s is a repeat: %s".formatted(exportId, fileName, reason);
            case REJECTED -> "Export %d %s rejected: %s".formatted(exportId, fileName, reason);
        };
    }
}
