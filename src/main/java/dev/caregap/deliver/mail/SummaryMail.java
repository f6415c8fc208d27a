package dev.caregap.deliver.mail;

import dev.caregap.report.summary.Summary;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A summary as an e-mail: multipart/mixed of multipart/related (multipart/alternative of the plain text and the
 * HTML, then the chart as an inline PNG the HTML shows by {@code cid:}) and the attachments. Its Message-ID is
 * made from the run, the deliverable and the recipient, so a summary sent again after a crash is recognisably
 * the same message.
 */
final class SummaryMail {

    /** A file going with the summary. */
    record Attachment(String fileName, String contentType, byte[] content) {
    }

    private SummaryMail() {
    }

    static MimeMessage message(Summary summary, String messageId, String from, String to, Instant date,
                               List<Attachment> attachments) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(summary.text(), StandardCharsets.UTF_8.name(), "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(summary.html(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(html);

        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(part(alternative));
        MimeBodyPart chart = new MimeBodyPart();
        chart.setDataHandler(new DataHandler(new ByteArrayDataSource(summary.chartPng(), "image/png")));
        chart.setContentID("<" + summary.chartContentId() + ">");
        chart.setDisposition(Part.INLINE);
        chart.setFileName("chart.png");
        related.addBodyPart(chart);

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(part(related));
        for (Attachment attachment : attachments) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
            file.setFileName(attachment.fileName());
            file.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(file);
        }

        MimeMessage message = new FixedIdMessage(Session.getInstance(new Properties()), messageId);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject(summary.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(date));
        message.setHeader("Auto-Submitted", "auto-generated");  // no out-of-office replies to a robot
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    /**
     * {@code <run-00042.summary-mail.3f9a0c1d2e4b5a6f@care-gap.caregap>}: the recipient only as a hash, so the
     * header does not repeat the address in another form.
     */
    static String messageId(String runName, String deliverable, String recipient, String study) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(recipient.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "<" + runName + "." + deliverable + "." + HexFormat.of().formatHex(hash, 0, 8) + "@" + study + ".caregap>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** The file name of a recipient's copy: the address with anything but letters, digits and @._+- as _. */
    static String fileName(String recipient) {
        String name = recipient.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_");
        return (name.startsWith(".") ? "_" + name : name) + ".eml";
    }

    private static MimeBodyPart part(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }
}
