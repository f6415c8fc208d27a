package dev.caregap.deliver.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * An e-mail that keeps the Message-ID it was given: JavaMail would make a random one each time the message is
 * saved or sent, and a message sent again after a crash must be recognisable as the same one.
 */
public final class FixedIdMessage extends MimeMessage {

    private final String id;

    public FixedIdMessage(Session session, String id) {
        super(session);
        this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", id);
    }
}
