package dev.caregap.it.ops;

import dev.caregap.it.service.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.CommunicationException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.ConnectIOException;
import java.rmi.server.RMIClientSocketFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged service with remote JMX over TLS (caregap.jmx.ssl=true), its key pair a self-signed certificate made
 * with keytool: a client trusting the certificate reads as monitor and acts as operator; a
 * plain client and a TLS client that does not trust the certificate are refused.
 */
class RemoteJmxTlsIT {

    private static final String MONITOR_PASSWORD = "watch-it";
    private static final String OPERATOR_PASSWORD = "steer-it";
    private static final String STORE_PASSWORD = "keep-it";
    private static final ObjectName INTAKE = name("caregap:type=Intake");
    private static final ObjectName OPERATIONS = name("caregap:type=Operations");
    /** The JNDI environment key that gives the RMI registry's client socket factory (RegistryContext.SOCKET_FACTORY). */
    private static final String REGISTRY_SOCKETS = "com.sun.jndi.rmi.factory.socket";

    @TempDir
    static Path home;
    private static ServiceProcess service;
    private static int port;
    private static JMXServiceURL url;
    private static SSLContext previousDefault;

    @BeforeAll
    static void startWithRemoteJmxOverTls() throws Exception {
        Path keys = Files.createDirectories(home.resolve("keys"));
        Path keyStore = keys.resolve("caregap.p12");
        Path certificate = keys.resolve("caregap.crt");
        Path trustStore = keys.resolve("caregap-trust.p12");
        keytool("-genkeypair", "-alias", "caregap", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "caregap", "-rfc", "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "caregap", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);

        // the trusting client: SslRMIClientSocketFactory (which the connector's stub brings along) takes the JVM's
        // default SSLContext, as a client started with -Djavax.net.ssl.trustStore=caregap-trust.p12 would have it.
        // It keeps the first default it sees for the JVM's life: no other test of this JVM uses it.
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(clientContext(trustStore));

        port = Drops.freePorts(1).get(0);
        service = ServiceProcess.start(home, "jmx-tls",
                List.of("-Djavax.net.ssl.keyStore=" + keyStore, "-Djavax.net.ssl.keyStorePassword=" + STORE_PASSWORD,
                        "-Djavax.net.ssl.keyStoreType=PKCS12"),
                List.of("--caregap.jmx.port=" + port, "--caregap.jmx.ssl=true",
                        "--caregap.jmx.monitor-password=" + MONITOR_PASSWORD,
                        "--caregap.jmx.operator-password=" + OPERATOR_PASSWORD));
        service.awaitReady(Duration.ofMinutes(3));
        url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    }

    @AfterAll
    static void stop() {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theServiceSaysRemoteJmxSpeaksTls() {
        assertThat(service.countLog("Remote JMX on service:jmx:rmi:///jndi/rmi://127\\.0\\.0\\.1:" + port
                + "/jmxrmi \\(TLS; jconsole 127\\.0\\.0\\.1:" + port + "\\)")).isEqualTo(1);
        assertThat(service.logLines()).noneMatch(line -> line.contains(STORE_PASSWORD) || line.contains(OPERATOR_PASSWORD)
                || line.contains(MONITOR_PASSWORD));
    }

    @Test
    void aClientTrustingTheCertificateReadsAsMonitorButMayNotAct() throws Exception {
        try (JMXConnector connector = connect(new SslRMIClientSocketFactory(), "monitor", MONITOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(false);
            assertThatThrownBy(() -> jmx.invoke(OPERATIONS, "pauseIntake", new Object[0], new String[0]))
                    .isInstanceOf(SecurityException.class).hasMessageContaining("may only read");
        }
    }

    @Test
    void aClientTrustingTheCertificatePausesAndResumesIntakeAsOperator() throws Exception {
        try (JMXConnector connector = connect(new SslRMIClientSocketFactory(), "operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertThat(jmx.invoke(OPERATIONS, "pauseIntake", new Object[0], new String[0])).asString().contains("intake-inbox");
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(true);
            assertThat(jmx.invoke(OPERATIONS, "resumeIntake", new Object[0], new String[0])).asString().contains("intake-inbox");
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(false);
        }
    }

    @Test
    void aPlainClientIsRefused() {
        // JRMP spoken to a TLS socket: the registry's answer is no JRMP, whatever the credentials
        assertThatThrownBy(() -> connect(null, "operator", OPERATOR_PASSWORD))
                .isInstanceOf(IOException.class).hasCauseInstanceOf(CommunicationException.class)
                .rootCause().isInstanceOf(ConnectIOException.class).hasMessage("non-JRMP server at remote endpoint");
    }

    @Test
    void aTlsClientThatDoesNotTrustTheCertificateIsRefusedInTheHandshake() throws Exception {
        // a TLS client with the JDK's own trust store (no caregap certificate in it)
        SSLContext jdkTrust = clientContext(null);
        RMIClientSocketFactory untrusting = (host, port) -> jdkTrust.getSocketFactory().createSocket(host, port);
        assertThatThrownBy(() -> connect(untrusting, "operator", OPERATOR_PASSWORD))
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining(SSLHandshakeException.class.getName())
                // the server showed a certificate, and the client found no trusted path to it
                .rootCause().isInstanceOf(CertPathBuilderException.class);
    }

    /** A connection with the user's credentials; the registry reached through {@code registrySockets} (null: plain). */
    private static JMXConnector connect(RMIClientSocketFactory registrySockets, String user, String password) throws IOException {
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        if (registrySockets != null) {
            environment.put(REGISTRY_SOCKETS, registrySockets);
        }
        return JMXConnectorFactory.connect(url, environment);
    }

    /** TLS trusting the certificates of {@code trustStore}; null: the JDK's own trust store. */
    private static SSLContext clientContext(Path trustStore) throws IOException, GeneralSecurityException {
        KeyStore trusted = null;
        if (trustStore != null) {
            trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore)) {
                trusted.load(in, STORE_PASSWORD.toCharArray());
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Runs the JDK's keytool; fails with its output when it does not succeed. */
    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
