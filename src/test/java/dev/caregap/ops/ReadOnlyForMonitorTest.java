package dev.caregap.ops;

import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;
import java.lang.management.ManagementFactory;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The monitor of remote JMX reads, but not the JVM's command line and system properties; the operator does. */
class ReadOnlyForMonitorTest {

    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");

    private final MBeanServerForwarder jmx = forwarder();

    @Test
    void theMonitorMayNotReadTheCommandLineOrTheSystemProperties() throws Exception {
        as("monitor", () -> {
            assertThatThrownBy(() -> jmx.getAttribute(RUNTIME, "InputArguments")).isInstanceOf(SecurityException.class)
                    .hasMessageContaining("may not read");
            assertThatThrownBy(() -> jmx.getAttribute(RUNTIME, "SystemProperties")).isInstanceOf(SecurityException.class);
            AttributeList read = jmx.getAttributes(RUNTIME, new String[] {"Uptime", "InputArguments", "SystemProperties", "VmName"});
            assertThat(names(read)).containsExactly("Uptime", "VmName");
            assertThat(jmx.getAttribute(RUNTIME, "VmName")).isNotNull();
            return null;
        });
    }

    @Test
    void theOperatorReadsThem() throws Exception {
        as("operator", () -> {
            assertThat(jmx.getAttribute(RUNTIME, "InputArguments")).isNotNull();
            AttributeList read = jmx.getAttributes(RUNTIME, new String[] {"InputArguments", "SystemProperties"});
            assertThat(names(read)).containsExactly("InputArguments", "SystemProperties");
            return null;
        });
    }

    @Test
    void theMonitorStillMayNotChangeAnything() throws Exception {
        as("monitor", () -> {
            assertThatThrownBy(() -> jmx.invoke(name("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                    new Object[] {"/tmp/never.hprof", true}, new String[] {"java.lang.String", "boolean"}))
                    .isInstanceOf(SecurityException.class).hasMessageContaining("may only read");
            return null;
        });
    }

    private static MBeanServerForwarder forwarder() {
        MBeanServerForwarder forwarder = ReadOnlyForMonitor.forwarder();
        forwarder.setMBeanServer(ManagementFactory.getPlatformMBeanServer());
        return forwarder;
    }

    @SuppressWarnings("removal")  // the JMX connector hands its subject over the same way on Java 17
    private static void as(String user, PrivilegedExceptionAction<Void> action) throws Exception {
        Subject subject = new Subject(true, Set.of(new JMXPrincipal(user)), Set.of(), Set.of());
        Subject.doAs(subject, action);
    }

    private static List<String> names(AttributeList attributes) {
        return attributes.asList().stream().map(Attribute::getName).toList();
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
