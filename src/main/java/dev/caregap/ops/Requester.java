package dev.caregap.ops;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import java.security.AccessController;

/** Who asked for an operation: the remote JMX user, or "local" (JConsole attached on this machine, a test). */
final class Requester {

    private Requester() {
    }

    @SuppressWarnings("removal")  // the JMX connector still hands its authenticated subject over this way on Java 17
    static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return "local";
        }
        return subject.getPrincipals(JMXPrincipal.class).stream().map(JMXPrincipal::getName).findFirst().orElse("local");
    }
}
