package dev.caregap.ops;

import org.jolokia.server.core.restrictor.AllowAllRestrictor;
import org.jolokia.server.core.util.RequestType;

import javax.management.ObjectName;
import java.util.Set;

/**
 * Jolokia over HTTP reads only: attributes, names, MBean info, and operations that only read (Camel's dump* and the
 * consoles' own bookkeeping in the hawtio and jolokia domains). Nothing is written or invoked that changes the
 * service; caregap.jolokia.read-write=true lifts this.
 */
final class ReadOnlyJolokia extends AllowAllRestrictor {

    private static final Set<String> CONSOLE_DOMAINS = Set.of("hawtio", "jolokia", "JMImplementation");

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return type != RequestType.WRITE;
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return false;
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return CONSOLE_DOMAINS.contains(name.getDomain()) || operation.startsWith("dump") || operation.startsWith("get")
                || operation.startsWith("list") || operation.startsWith("is") || operation.startsWith("explain");
    }
}
