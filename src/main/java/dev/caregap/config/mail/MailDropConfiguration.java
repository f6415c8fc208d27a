package dev.caregap.config.mail;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The mail drop's settings (dev.caregap.ingest.mail polls the mailbox). */
@Configuration
@EnableConfigurationProperties(MailDropSettings.class)
public class MailDropConfiguration {
}
