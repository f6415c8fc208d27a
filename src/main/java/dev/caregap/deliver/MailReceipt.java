package dev.caregap.deliver;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.deliver.mail.FixedIdMessage;
import dev.caregap.deliver.mail.MailSender;
import dev.caregap.run.RunReport;
import dev.caregap.store.DeliveryStore.Delivery;
import dev.caregap.store.MailMessageStore;
import dev.caregap.store.MailMessageStore.Receipt;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The receipt of a mailed message, to its sender: per attachment accepted, a repeat or rejected with the reason,
 * the rows read, included and excluded by reason, the first issues, and the run holding the figures. It is an
 * outbox row of the message (not of a run), queued once the run covering the message's exports is computed; the
 * message is sent over SMTP like every e-mail (routes/mail.yaml). Sent again after a stop, it is the same message
 * with the same Message-ID.
 */
@Component
public class MailReceipt implements Deliverable {

    public static final String NAME = "mail-receipt";
    private static final Logger log = LoggerFactory.getLogger(MailReceipt.class);
    private static final int FIRST_ISSUES = 5;

    private final MailMessageStore messages;
    private final MailSettings mail;
    private final CaregapProperties settings;
    private final MailSender sender;

    public MailReceipt(MailMessageStore messages, MailSettings mail, CaregapProperties settings, MailSender sender) {
        this.messages = messages;
        this.mail = mail;
        this.settings = settings;
        this.sender = sender;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Receipts are queued per message, never per run. */
    @Override
    public List<String> recipients(String study) {
        return List.of();
    }

    @Override
    public String deliver(RunReport run, String recipient) {
        throw new IllegalStateException("a receipt belongs to a mailed message, not to a run");
    }

    @Override
    public String deliver(Delivery row, RunReport run) throws Exception {
        if (row.mailMessageId() == null) {
            throw new IllegalStateException("a receipt row names no mailed message");
        }
        Receipt receipt = messages.receipt(row.mailMessageId(), FIRST_ISSUES);
        FixedIdMessage message = new FixedIdMessage(Session.getInstance(new Properties()),
                "<mail-message-" + receipt.id() + ".receipt@caregap>");
        message.setFrom(new InternetAddress(mail.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(row.recipient()));
        String subject = receipt.subject() == null || receipt.subject().isBlank() ? "your message" : receipt.subject();
        message.setSubject("Receipt: " + subject, StandardCharsets.UTF_8.name());
        if (receipt.messageId() != null) {
            message.setHeader("In-Reply-To", receipt.messageId());
            message.setHeader("References", receipt.messageId());
        }
        message.setText(ReceiptText.of(receipt, settings.results()), StandardCharsets.UTF_8.name());
        message.saveChanges();
        sender.send(message, row.recipient());
        log.info("Mail message {}: receipt sent to {}", receipt.id(), row.recipient());
        return "mail to " + row.recipient();
    }
}
