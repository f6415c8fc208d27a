package dev.caregap.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Gives {@code caregap.instance} a default that differs between processes, host name and process id, before
 * logging starts, so every log line and every claimed row says which instance it is. Any setting wins.
 */
public class InstanceName implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "caregap.instance";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("caregap-instance-default",
                Map.of(PROPERTY, host() + "-" + ProcessHandle.current().pid())));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "");
        } catch (UnknownHostException e) {
            return "caregap";
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
