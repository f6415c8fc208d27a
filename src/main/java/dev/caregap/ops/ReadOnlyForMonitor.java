package dev.caregap.ops;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;

/**
 * Access control of remote JMX, as a jmx.remote.x.access.file would give it: the operator may do anything, the
 * monitor only read (attributes, names, MBean info, notifications). Whatever changes something (invoke, set an
 * attribute, create, register or unregister an MBean) is refused to the monitor with a SecurityException. Nor may
 * the monitor read the JVM's command line and system properties: they hold the passwords given there
 * (--spring.datasource.password=..., -Djavax.net.ssl.keyStorePassword=...).
 */
final class ReadOnlyForMonitor implements InvocationHandler {

    static final String MONITOR = "monitor";
    static final String OPERATOR = "operator";

    private static final Set<String> CHANGES = Set.of("invoke", "setAttribute", "setAttributes", "createMBean",
            "registerMBean", "unregisterMBean", "instantiate");

    private static final ObjectName RUNTIME = runtime();
    private static final Set<String> COMMAND_LINE = Set.of("InputArguments", "SystemProperties");

    private MBeanServer target;

    static MBeanServerForwarder forwarder() {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new ReadOnlyForMonitor());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, args);
        }
        if (name.equals("getMBeanServer")) {
            return target;
        }
        if (name.equals("setMBeanServer")) {
            if (args[0] == null) {
                throw new IllegalArgumentException("no MBean server to forward to");
            }
            target = (MBeanServer) args[0];
            return null;
        }
        if (CHANGES.contains(name) && !OPERATOR.equals(user())) {
            throw new SecurityException("Access denied: user " + user() + " may only read; " + name + " needs the operator");
        }
        if (!OPERATOR.equals(user())) {
            args = withoutCommandLine(name, args);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Whether the attribute shows the command line, with whatever passwords were given on it. */
    static boolean showsCommandLine(ObjectName bean, String attribute) {
        return RUNTIME.equals(bean) && COMMAND_LINE.contains(attribute);
    }

    /** getAttribute of the command line is refused; getAttributes leaves it out, as it does what cannot be read. */
    private static Object[] withoutCommandLine(String method, Object[] args) {
        if (method.equals("getAttribute") && showsCommandLine((ObjectName) args[0], (String) args[1])) {
            throw new SecurityException("Access denied: user " + user() + " may not read " + args[0] + " " + args[1]
                    + "; it may hold passwords");
        }
        if (method.equals("getAttributes") && args[1] != null) {
            Object[] copy = args.clone();
            copy[1] = Arrays.stream((String[]) args[1]).filter(attribute -> !showsCommandLine((ObjectName) args[0], attribute))
                    .toArray(String[]::new);
            return copy;
        }
        return args;
    }

    private static ObjectName runtime() {
        try {
            return new ObjectName("java.lang:type=Runtime");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String user() {
        return Requester.user("nobody");
    }
}
