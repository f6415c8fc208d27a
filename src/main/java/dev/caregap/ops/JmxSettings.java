package dev.caregap.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote JMX (caregap.jmx.*): off unless a port is given. Two users: monitor (reads) and operator (also calls
 * operations and changes attributes); their passwords come from the configuration or the environment
 * (CAREGAP_JMX_MONITOR_PASSWORD, CAREGAP_JMX_OPERATOR_PASSWORD) and are never logged.
 *
 * @param port             the RMI registry's and the connector's port; null: no remote JMX
 * @param host             the address it listens on; 127.0.0.1 unless set (0.0.0.0: every address)
 * @param ssl              TLS for the connector and the registry, with the JVM's key store (javax.net.ssl.keyStore)
 * @param monitorPassword  the monitor user's password
 * @param operatorPassword the operator user's password
 */
@ConfigurationProperties(prefix = "caregap.jmx")
public record JmxSettings(Integer port, @DefaultValue("127.0.0.1") String host, @DefaultValue("false") boolean ssl,
                          String monitorPassword, String operatorPassword) {

    @Override
    public String toString() {
        return "JmxSettings[port=" + port + ", host=" + host + ", ssl=" + ssl + "]";  // never the passwords
    }
}
