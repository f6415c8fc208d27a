package dev.caregap.study;

/** A study definition file that cannot be used; the message names the file and what is wrong. */
public class StudyDefinitionException extends RuntimeException {

    public StudyDefinitionException(String message) {
        super(message);
    }

    public StudyDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
