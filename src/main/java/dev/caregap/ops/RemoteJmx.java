package dev.caregap.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLServerSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.security.auth.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Remote JMX, on when caregap.jmx.port is set: an RMI registry and the connector on that one port, bound to
 * caregap.jmx.host (127.0.0.1 unless set), users monitor (read-only) and operator, TLS with caregap.jmx.ssl.
 * It refuses to start without both passwords. Connect with
 * {@code jconsole service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi}; with TLS {@code jconsole 127.0.0.1:PORT} (and
 * a trust store holding the service's certificate), as jconsole reaches the registry over TLS only in that form.
 */
@Component
public class RemoteJmx implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemoteJmx.class);

    private final JmxSettings settings;
    private JMXConnectorServer server;
    private Registry registry;

    public RemoteJmx(JmxSettings settings) {
        this.settings = settings;
        if (settings.port() != null && (blank(settings.monitorPassword()) || blank(settings.operatorPassword()))) {
            throw new IllegalStateException("Remote JMX (caregap.jmx.port=" + settings.port() + ") needs the passwords of "
                    + "its users: set caregap.jmx.monitor-password and caregap.jmx.operator-password (or the environment "
                    + "variables CAREGAP_JMX_MONITOR_PASSWORD and CAREGAP_JMX_OPERATOR_PASSWORD).");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @Override
    public synchronized void start() {
        if (settings.port() == null || server != null) {
            return;
        }
        int port = settings.port();
        String host = settings.host();
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isAnyLocalAddress() && System.getProperty("java.rmi.server.hostname") == null) {
                // the stubs the registry hands out name this address, not the machine's first one
                System.setProperty("java.rmi.server.hostname", host);
            }
            RMIServerSocketFactory sockets = new BoundSockets(address, settings.ssl());
            RMIClientSocketFactory clients = settings.ssl() ? new SslRMIClientSocketFactory() : null;
            registry = LocateRegistry.createRegistry(port, clients, sockets);
            Map<String, Object> environment = Map.of(JMXConnectorServer.AUTHENTICATOR, authenticator());
            RMIJRMPServerImpl connector = new RMIJRMPServerImpl(port, clients, sockets, environment);
            server = new RMIConnectorServer(new JMXServiceURL("rmi", host, port), environment, connector,
                    ManagementFactory.getPlatformMBeanServer());
            server.setMBeanServerForwarder(ReadOnlyForMonitor.forwarder());
            server.start();
            // bound in the registry object itself, not through JNDI: that would connect to the registry as a client,
            // over TLS too, and fail unless the service trusted its own certificate (the JDK's agent does the same)
            registry.rebind("jmxrmi", connector.toStub());
            String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            // with TLS jconsole needs host:port: only then does it reach the registry over TLS
            log.info("Remote JMX on service:jmx:rmi:///jndi/rmi://{}/jmxrmi{}: users {} (read-only) and {}", where,
                    settings.ssl() ? " (TLS; jconsole " + where + ")" : "", ReadOnlyForMonitor.MONITOR, ReadOnlyForMonitor.OPERATOR);
        } catch (IOException e) {
            throw new UncheckedIOException("Remote JMX could not listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (another program may use the port: choose another with caregap.jmx.port)", e);
        }
    }

    /** The two users; passwords compared in constant time. */
    private JMXAuthenticator authenticator() {
        Map<String, byte[]> passwords = Map.of(
                ReadOnlyForMonitor.MONITOR, settings.monitorPassword().getBytes(StandardCharsets.UTF_8),
                ReadOnlyForMonitor.OPERATOR, settings.operatorPassword().getBytes(StandardCharsets.UTF_8));
        return credentials -> {
            if (credentials instanceof String[] pair && pair.length == 2 && pair[0] != null && pair[1] != null) {
                byte[] expected = passwords.get(pair[0]);
                if (expected != null && MessageDigest.isEqual(expected, pair[1].getBytes(StandardCharsets.UTF_8))) {
                    return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
                }
            }
            log.warn("Remote JMX: a connection was refused: wrong user or password");
            throw new SecurityException("Authentication failed: wrong user or password");
        };
    }

    @Override
    public synchronized void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (IOException e) {
            log.warn("Remote JMX did not stop cleanly: {}", e.getMessage());
        } finally {
            server = null;
            if (registry != null) {
                try {
                    UnicastRemoteObject.unexportObject(registry, true);
                } catch (java.rmi.NoSuchObjectException e) {
                    log.debug("the registry was gone already", e);
                }
                registry = null;
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Server sockets on one address (plain or TLS); equal instances let the registry and the connector share a port. */
    private record BoundSockets(InetAddress address, boolean ssl) implements RMIServerSocketFactory {

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return ssl ? SSLServerSocketFactory.getDefault().createServerSocket(port, 0, address)
                    : new ServerSocket(port, 0, address);
        }
    }
}
