package dev.caregap.deliver.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.Undeliverable;
import dev.caregap.report.Audience;
import dev.caregap.report.SampleRun;
import dev.caregap.run.RunReport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run folder's mail/ holds a copy of each summary as sent: none of one that was not sent. */
class StakeholderMailCopyTest {

    private static final String ANN = "ann@example.com";

    @TempDir
    Path results;

    @Test
    void aSummarySentHasItsCopyAndOneNotSentYetOrRefusedHasNone() throws Exception {
        RunReport run = SampleRun.report();
        Path mailFolder = Files.createDirectories(results.resolve(run.study().id()).resolve(run.name())).resolve("mail");
        List<RuntimeException> failures = new ArrayList<>(List.of(
                new IllegalStateException("the e-mail to " + ANN + " was not sent: 421 try again later"),
                new Undeliverable("the mail server refused " + ANN + " for good: 550 no such user", null)));
        List<MimeMessage> sent = new ArrayList<>();
        StakeholderMail mail = mail(new MailSender(null) {
            @Override
            public void send(MimeMessage message, String recipient) {
                if (!failures.isEmpty()) {
                    throw failures.remove(0);
                }
                sent.add(message);
            }
        });

        assertThatThrownBy(() -> mail.deliver(run, ANN)).hasMessageContaining("421");
        assertThat(mailFolder.resolve(SummaryMail.fileName(ANN))).as("not sent yet, tried again later").doesNotExist();
        assertThatThrownBy(() -> mail.deliver(run, ANN)).isInstanceOf(Undeliverable.class);
        assertThat(mailFolder.resolve(SummaryMail.fileName(ANN))).as("refused for good").doesNotExist();

        assertThat(mail.deliver(run, ANN)).isEqualTo(ANN);
        assertThat(sent).hasSize(1);
        assertThat(mailFolder.resolve(SummaryMail.fileName(ANN))).as("sent").isNotEmptyFile();
    }

    private StakeholderMail mail(MailSender sender) throws IOException {
        Stakeholders stakeholders = new Stakeholders(results.resolve("stakeholders.yaml"), List.of(new Stakeholder("Ann", ANN,
                Map.of(SampleRun.CARE_GAP.id(), Audience.EVERYONE), Set.of(), null)));
        MailSettings settings = new Binder(new MapConfigurationPropertySource(Map.of("caregap.mail.from", "caregap@localhost")))
                .bind("caregap.mail", Bindable.of(MailSettings.class)).get();
        CaregapProperties caregap = new Binder(new MapConfigurationPropertySource(Map.of("caregap.results", results.toString(),
                "caregap.studies", "studies"))).bind("caregap", Bindable.of(CaregapProperties.class)).get();
        return new StakeholderMail(StakeholderMail.SUMMARY, stakeholders, settings, caregap, sender);
    }
}
