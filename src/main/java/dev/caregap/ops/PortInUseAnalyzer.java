package dev.caregap.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import java.net.BindException;

/**
 * A port caregap should listen on is taken: says which one and how to choose another, in one sentence, instead of
 * the bare "Address already in use".
 */
public class PortInUseAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private final Environment environment;

    public PortInUseAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        for (Throwable t = rootFailure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Remote JMX could not listen")) {
                return new FailureAnalysis("caregap could not start: " + t.getMessage(),
                        "Choose a free port with --caregap.jmx.port=PORT.", rootFailure);
            }
        }
        String port = environment == null ? "?" : environment.getProperty("management.server.port", "?");
        String address = environment == null ? "" : environment.getProperty("management.server.address", "");
        return new FailureAnalysis("caregap could not start: the management port " + port
                + (address.isEmpty() ? "" : " on " + address) + " is in use by another program (another caregap instance?).",
                "Give this instance a port of its own with --management.server.port=PORT (0: any free one).", rootFailure);
    }
}
