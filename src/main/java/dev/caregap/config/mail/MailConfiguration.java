package dev.caregap.config.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mail settings, and the embedded mail server unless {@code caregap.mail.embedded=false}. */
@Configuration
@EnableConfigurationProperties(MailSettings.class)
public class MailConfiguration {

    @Bean
    @ConditionalOnProperty(name = "caregap.mail.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedMailServer embeddedMailServer(MailSettings settings) {
        return new EmbeddedMailServer(settings);
    }
}
