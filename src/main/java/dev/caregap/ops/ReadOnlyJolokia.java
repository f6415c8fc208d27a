package dev.caregap.ops;

import org.jolokia.server.core.restrictor.AllowAllRestrictor;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import javax.management.ObjectName;
import java.util.Set;

/**
 * What Jolokia over HTTP lets the logged-in user do. It reads only: attributes, names, MBean info, and operations
 * that only read (Camel's dump*As... and getters, the JVM's thread dump, the consoles' own bookkeeping in the hawtio
 * and jolokia domains). Nothing is written or invoked that changes the service or writes a file (no heap dump, no
 * diagnostic command). With caregap.jolokia.read-write=true the operator may change things; the monitor still only
 * reads. The monitor never reads the JVM's command line and system properties, which may hold passwords.
 */
final class ReadOnlyJolokia extends AllowAllRestrictor {

    /** The operator's role (OperationsConfiguration gives it only to the operator). */
    static final String OPERATOR_ROLE = "ROLE_ADMIN";

    private static final Set<String> CONSOLE_DOMAINS = Set.of("hawtio", "jolokia", "JMImplementation");
    private static final Set<String> READ_SUFFIXES = Set.of("AsXml", "AsYaml", "AsJSon", "AsJson");

    private final boolean readWrite;

    ReadOnlyJolokia(boolean readWrite) {
        this.readWrite = readWrite;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return type != RequestType.WRITE || changesAllowed();
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return !ReadOnlyForMonitor.showsCommandLine(name, attribute) || operator();
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return changesAllowed();
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return changesAllowed() || onlyReads(name, operation);
    }

    private static boolean onlyReads(ObjectName name, String operation) {
        String domain = name.getDomain();
        String type = name.getKeyProperty("type");
        if (CONSOLE_DOMAINS.contains(domain)) {
            return true;
        }
        // the JVM's diagnostics write files (dumpHeap, dumpThreads, gcHeapDump, jfr*) or show the command line
        if (domain.equals("com.sun.management")) {
            return "HotSpotDiagnostic".equals(type) && operation.equals("getVMOption");
        }
        // Spring Boot's admin MBean answers getProperty with any property, passwords too
        if (domain.equals("org.springframework.boot")) {
            return false;
        }
        if (domain.equals("java.lang") && "Threading".equals(type) && operation.equals("dumpAllThreads")) {
            return true;
        }
        // Camel's dump...AsXml and the like return text; its void dumpRoutes writes the routes out
        if (operation.startsWith("dump")) {
            return domain.equals("org.apache.camel") && READ_SUFFIXES.stream().anyMatch(operation::endsWith);
        }
        return operation.startsWith("get") || operation.startsWith("list") || operation.startsWith("is")
                || operation.startsWith("explain");
    }

    private boolean changesAllowed() {
        return readWrite && operator();
    }

    /** The logged-in user of this request (Jolokia answers on the request's thread, behind Spring Security). */
    private static boolean operator() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.isAuthenticated()
                && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(OPERATOR_ROLE::equals);
    }
}
