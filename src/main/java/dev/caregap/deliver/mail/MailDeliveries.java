package dev.caregap.deliver.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.config.stakeholders.Stakeholders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The two e-mail deliverables: a summary after each delivered run, and the daily digest. A run's rows are made in
 * this order: its result files, its e-mails, its response files (which the e-mails do not wait for).
 */
@Configuration
public class MailDeliveries {

    @Bean
    @Order(2)
    StakeholderMail summaryMail(Stakeholders stakeholders, MailSettings mail, CaregapProperties settings,
                                MailSender sender) {
        return new StakeholderMail(StakeholderMail.SUMMARY, stakeholders, mail, settings, sender);
    }

    @Bean
    @Order(2)
    StakeholderMail digestMail(Stakeholders stakeholders, MailSettings mail, CaregapProperties settings,
                               MailSender sender) {
        return new StakeholderMail(StakeholderMail.DIGEST, stakeholders, mail, settings, sender);
    }
}
