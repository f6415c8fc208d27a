package dev.caregap.deliver.mail;

import dev.caregap.deliver.Undeliverable;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Sends a prepared e-mail through the route {@code direct:send-mail} (routes/mail.yaml). A refusal the server
 * means for good (a 5xx reply to the recipient or the message) is {@link Undeliverable}; anything else (the
 * server down, a 4xx) is worth trying again later.
 */
@Component
public class MailSender {

    static final String ROUTE = "direct:send-mail";

    private final ProducerTemplate template;

    public MailSender(ProducerTemplate template) {
        this.template = template;
    }

    public void send(MimeMessage message, String recipient) {
        Exchange sent = template.send(ROUTE, exchange -> exchange.getIn().setBody(message));
        Exception failure = sent.getException();
        if (failure == null) {
            return;
        }
        for (Throwable cause : causes(failure)) {
            int code = cause instanceof SMTPAddressFailedException refused ? refused.getReturnCode()
                    : cause instanceof SMTPSendFailedException failed ? failed.getReturnCode() : 0;
            if (code >= 500 && code < 600) {
                throw new Undeliverable("the mail server refused " + recipient + " for good: " + cause.getMessage().strip(),
                        failure);
            }
        }
        throw new IllegalStateException("the e-mail to " + recipient + " was not sent: " + failure.getMessage(), failure);
    }

    /** The failure, its causes, and the exceptions JavaMail chains to them (one per refused address). */
    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        List<Throwable> all = new ArrayList<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException messaging) {
                todo.add(messaging.getNextException());
            }
        }
        return all;
    }
}
