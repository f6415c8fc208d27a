package dev.caregap.deliver;

/**
 * A delivery that trying again cannot make: the mail server refused the address for good (5xx), or the
 * recipient is no stakeholder any more. Its outbox row is failed at once, with this message as its reason.
 */
public class Undeliverable extends RuntimeException {

    public Undeliverable(String message, Throwable cause) {
        super(message, cause);
    }
}
