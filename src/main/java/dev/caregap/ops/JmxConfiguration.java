package dev.caregap.ops;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds caregap.jmx.* (remote JMX, and the console's users): with or without the HTTP side. */
@Configuration
@EnableConfigurationProperties(JmxSettings.class)
class JmxConfiguration {
}
