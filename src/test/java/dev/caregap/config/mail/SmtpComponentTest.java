package dev.caregap.config.mail;

import org.apache.camel.component.mail.MailComponent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP connection as configured: user and password on the component (no URI holds them), TLS or STARTTLS. */
class SmtpComponentTest {

    @Test
    void starttlsIsRequiredAndTheLoginComesFromTheSettings() {
        MailComponent smtp = new MailConfiguration().smtp(settings(Map.of("caregap.mail.smtp.security", "starttls",
                "caregap.mail.smtp.user", "caregap", "caregap.mail.smtp.password", "s3cret")));
        assertThat(smtp.getConfiguration().getUsername()).isEqualTo("caregap");
        assertThat(smtp.getConfiguration().getPassword()).isEqualTo("s3cret");
        assertThat(smtp.getConfiguration().getAdditionalJavaMailProperties())
                .containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .doesNotContainKey("mail.smtp.ssl.enable");
    }

    @Test
    void tlsFromTheStartAndNoLoginWithoutAUser() {
        MailComponent smtp = new MailConfiguration().smtp(settings(Map.of("caregap.mail.smtp.security", "tls")));
        assertThat(smtp.getConfiguration().getUsername()).isNull();
        assertThat(smtp.getConfiguration().getAdditionalJavaMailProperties())
                .containsEntry("mail.smtp.ssl.enable", "true").doesNotContainKey("mail.smtp.starttls.enable");
    }

    @Test
    void thePasswordIsInNoTextOfTheSettings() {
        MailSettings settings = settings(Map.of("caregap.mail.smtp.user", "caregap", "caregap.mail.smtp.password", "s3cret"));
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(settings.smtp().toString()).doesNotContain("s3cret");
    }

    private static MailSettings settings(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("caregap.mail", Bindable.of(MailSettings.class));
    }
}
