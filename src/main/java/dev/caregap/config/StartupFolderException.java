package dev.caregap.config;

/**
 * A folder caregap needs at start-up is missing or unusable. The message is one sentence naming the folder,
 * its property and its path; {@link #action()} says what to do. {@link StartupFailureAnalyzer} prints both.
 */
public class StartupFolderException extends RuntimeException {

    private final String action;

    public StartupFolderException(String message, String action) {
        this(message, action, null);
    }

    public StartupFolderException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What the operator should do, one sentence. */
    public String action() {
        return action;
    }
}
