package dev.caregap.config.stakeholders;

/**
 * The stakeholders file cannot be used: the message names the file, the entry and the fault in one sentence;
 * {@link #action()} says what to do. It stops the start ({@code StartupFailureAnalyzer} prints both).
 */
public class StakeholdersException extends RuntimeException {

    public StakeholdersException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the operator should do, one sentence. */
    public String action() {
        return "Correct the entry in the stakeholders file (caregap.stakeholders), or remove it, and start caregap again.";
    }
}
