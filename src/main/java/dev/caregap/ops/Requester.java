package dev.caregap.ops;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import java.lang.reflect.Method;
import java.security.AccessController;

/** Who asked for an operation: the remote JMX user, or "local" (JConsole attached on this machine, a test). */
final class Requester {

    /** Subject.current() (Java 18 on), where Subject.getSubject no longer works (Java 23 on); null on Java 17. */
    private static final Method CURRENT = currentMethod();

    private Requester() {
    }

    static String current() {
        return user("local");
    }

    /** The authenticated remote JMX user of this call, else {@code otherwise}. */
    static String user(String otherwise) {
        Subject subject = subject();
        if (subject == null) {
            return otherwise;
        }
        return subject.getPrincipals(JMXPrincipal.class).stream().map(JMXPrincipal::getName).findFirst().orElse(otherwise);
    }

    @SuppressWarnings("removal")  // the JMX connector hands its authenticated subject over this way on Java 17
    private static Subject subject() {
        if (CURRENT != null) {
            try {
                return (Subject) CURRENT.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not ask who called", e);
            }
        }
        return Subject.getSubject(AccessController.getContext());
    }

    private static Method currentMethod() {
        try {
            return Subject.class.getMethod("current");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
