package dev.caregap.config.mail;

import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Camel endpoint of the configured SMTP server, for routes that send mail ({@code toD}): the scheme and
 * options follow {@link MailSettings.Security}; the password goes in as RAW so no character of it is interpreted
 * (Camel masks it in logs).
 */
@Component
public class MailEndpoints {

    private final MailSettings settings;

    public MailEndpoints(MailSettings settings) {
        this.settings = settings;
    }

    public String smtp() {
        MailSettings.Smtp smtp = settings.smtp();
        StringBuilder uri = new StringBuilder(smtp.security() == MailSettings.Security.TLS ? "smtps" : "smtp")
                .append("://").append(smtp.host()).append(':').append(smtp.port())
                .append("?connectionTimeout=10000");
        if (smtp.user() != null && !smtp.user().isBlank()) {
            uri.append("&username=").append(URLEncoder.encode(smtp.user(), StandardCharsets.UTF_8))
                    .append("&password=RAW{").append(smtp.password() == null ? "" : smtp.password()).append('}');
        }
        if (smtp.security() == MailSettings.Security.STARTTLS) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        return uri.toString();
    }
}
