package dev.caregap.read;

/**
 * A whole export cannot be used. The message is one plain sentence for the person who dropped the file;
 * the details say where (row, column, value) when the fault has a place.
 */
public class ExportRejectedException extends RuntimeException {

    private final String details;

    public ExportRejectedException(String message, String details) {
        super(message);
        this.details = details == null ? "" : details;
    }

    public ExportRejectedException(String message, String details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? "" : details;
    }

    public String details() {
        return details;
    }
}
