package dev.caregap.ops;

import javax.management.MBeanServer;
import javax.management.remote.MBeanServerForwarder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Access control of remote JMX, as a jmx.remote.x.access.file would give it: the operator may do anything, the
 * monitor only read (attributes, names, MBean info, notifications). Whatever changes something (invoke, set an
 * attribute, create, register or unregister an MBean) is refused to the monitor with a SecurityException.
 */
final class ReadOnlyForMonitor implements InvocationHandler {

    static final String MONITOR = "monitor";
    static final String OPERATOR = "operator";

    private static final Set<String> CHANGES = Set.of("invoke", "setAttribute", "setAttributes", "createMBean",
            "registerMBean", "unregisterMBean", "instantiate");

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
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String user() {
        return Requester.user("nobody");
    }
}
