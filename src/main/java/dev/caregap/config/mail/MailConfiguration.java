package dev.caregap.config.mail;

import org.apache.camel.component.mail.MailComponent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Properties;

/** The mail settings, the SMTP component summaries go out through, and the embedded mail server unless {@code caregap.mail.embedded=false}. */
@Configuration
@EnableConfigurationProperties(MailSettings.class)
public class MailConfiguration {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The {@code smtp} component of routes/mail.yaml: user, password and security set here, so the password is
     * in no endpoint URI (which Camel shows in JMX and logs). TLS from the start is {@code mail.smtp.ssl.enable};
     * STARTTLS is required, never silently skipped, when configured.
     */
    @Bean("smtp")
    MailComponent smtp(MailSettings settings) {
        org.apache.camel.component.mail.MailConfiguration smtp = new org.apache.camel.component.mail.MailConfiguration();
        MailSettings.Smtp server = settings.smtp();
        if (server.user() != null && !server.user().isBlank()) {
            smtp.setUsername(server.user());
            smtp.setPassword(server.password());
        }
        smtp.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.timeout", Long.toString(READ_TIMEOUT.toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(READ_TIMEOUT.toMillis()));
        switch (server.security()) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
            case TLS -> properties.setProperty("mail.smtp.ssl.enable", "true");
            case NONE -> { }
        }
        smtp.setAdditionalJavaMailProperties(properties);
        return new MailComponent(smtp);
    }

    @Bean
    @ConditionalOnProperty(name = "caregap.mail.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedMailServer embeddedMailServer(MailSettings settings) {
        return new EmbeddedMailServer(settings);
    }
}
