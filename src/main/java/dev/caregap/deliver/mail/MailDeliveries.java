package dev.caregap.deliver.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.config.stakeholders.Stakeholders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two e-mail deliverables: a summary after each delivered run, and the daily digest. */
@Configuration
public class MailDeliveries {

    @Bean
    StakeholderMail summaryMail(Stakeholders stakeholders, MailSettings mail, CaregapProperties settings,
                                MailSender sender) {
        return new StakeholderMail(StakeholderMail.SUMMARY, stakeholders, mail, settings, sender);
    }

    @Bean
    StakeholderMail digestMail(Stakeholders stakeholders, MailSettings mail, CaregapProperties settings,
                               MailSender sender) {
        return new StakeholderMail(StakeholderMail.DIGEST, stakeholders, mail, settings, sender);
    }
}
