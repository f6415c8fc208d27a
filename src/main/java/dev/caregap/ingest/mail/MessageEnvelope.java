package dev.caregap.ingest.mail;

import dev.caregap.store.MailMessageStore.Envelope;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** What a message says about itself (sender, subject, Message-ID, date), its key, and its texts as they are stored. */
final class MessageEnvelope {

    private static final int LONGEST_KEY = 500;

    private MessageEnvelope() {
    }

    static Envelope of(Message message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (AddressException e) {
            from = null;  // an unreadable sender is no allowed one: quarantined
        }
        String sender = from != null && from.length == 1 && from[0] instanceof InternetAddress address
                ? stored(address.getAddress()) : null;
        String[] ids = message.getHeader("Message-ID");
        String messageId = ids == null || ids.length == 0 || ids[0].isBlank() ? null : stored(ids[0].trim());
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : null;
        String subject;
        try {
            subject = message.getSubject();
        } catch (MessagingException e) {
            subject = null;
        }
        // a decoded subject may hold any character (=?UTF-8?B?AA==?= is a NUL): stored without control characters
        return new Envelope(sender, subject == null ? "" : stored(subject), messageId, received);
    }

    /** The message's key: its Message-ID (hashed when long), else a hash of the whole raw message. */
    static String key(Message message, Envelope envelope) throws MessagingException {
        if (envelope.messageId() != null) {
            return envelope.messageId().length() <= LONGEST_KEY ? envelope.messageId()
                    : "sha256:" + HexFormat.of().formatHex(sha256().digest(envelope.messageId().getBytes(StandardCharsets.UTF_8)));
        }
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256())) {
            message.writeTo(out);
            return "sha256:" + HexFormat.of().formatHex(out.getMessageDigest().digest());
        } catch (IOException e) {
            throw Mailbox.failure(e);
        }
    }

    /**
     * Text of the message as it is stored (subject, sender, Message-ID, reasons): no control characters, which a
     * database may refuse (PostgreSQL's text holds no NUL): white space ones become a space, the others U+FFFD.
     */
    static String stored(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder stored = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            stored.append(!Character.isISOControl(c) ? c : Character.isWhitespace(c) ? ' ' : '\uFFFD');
        }
        return stored.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
