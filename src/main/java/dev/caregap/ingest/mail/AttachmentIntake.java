package dev.caregap.ingest.mail;

import dev.caregap.ingest.IngestOutcome;
import dev.caregap.ingest.IntakeText;
import dev.caregap.read.Arrival;
import dev.caregap.store.MailMessageStore;
import dev.caregap.store.MailMessageStore.Envelope;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedFileInputStream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The attachments of a message saved whole: each is checked (name, type, size; a .zip is unpacked within limits),
 * saved to the message's staging folder and handed to the same ingestion as a dropped file ({@code direct:ingest});
 * each one's outcome is recorded as it is committed. Only what is wrong with the message finishes it; a failure of
 * the database or of the staging folder goes up, and the message is read again.
 */
final class AttachmentIntake {

    private static final Logger log = LoggerFactory.getLogger(AttachmentIntake.class);

    private final MailMessageStore messages;
    private final ProducerTemplate producer;
    private final ArchiveEntries archives;
    private final long maxAttachment;

    AttachmentIntake(MailMessageStore messages, ProducerTemplate producer, ArchiveEntries archives, long maxAttachment) {
        this.messages = messages;
        this.producer = producer;
        this.archives = archives;
        this.maxAttachment = maxAttachment;
    }

    /** Reads the attachments of a message saved whole; one that is not MIME after all is FAILED with the reason. */
    MessageOutcome read(SharedFileInputStream raw, long id, Envelope envelope, Path staging) throws StagingFile.Failed {
        Counts counts = new Counts();
        try {
            List<Part> parts = new ArrayList<>();
            collect(new MimeMessage(Session.getInstance(new Properties()), raw), parts);
            if (parts.isEmpty()) {
                return new MessageOutcome(MailMessageStore.REJECTED, "the message has no attachments: caregap reads survey"
                        + " exports attached to a message");
            }
            for (Part part : parts) {
                attachment(part, id, envelope, staging, counts);
            }
        } catch (StagingFile.Failed e) {
            throw e;
        } catch (MessagingException | IOException e) {
            return new MessageOutcome(MailMessageStore.FAILED, "the message could not be read as MIME: " + e.getMessage());
        }
        return new MessageOutcome(MailMessageStore.DONE, counts.toString());
    }

    /** The parts that are attachments, depth first; parsing a malformed multipart throws. */
    private static void collect(Part part, List<Part> attachments) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("a multipart body that is not one (" + part.getContentType() + ")");
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            attachments.add(part);
        }
    }

    private static final class Counts {
        int accepted;
        int repeats;
        int rejected;

        /** Attachments and archive entries are numbered in the order they come, the same at every attempt. */
        int nextPosition() {
            return accepted + repeats + rejected + 1;
        }

        @Override
        public String toString() {
            return accepted + " accepted, " + repeats + " repeat" + (repeats == 1 ? "" : "s") + ", " + rejected + " rejected";
        }
    }

    private void attachment(Part part, long id, Envelope envelope, Path staging, Counts counts)
            throws MessagingException, StagingFile.Failed {
        int position = counts.nextPosition();
        AttachmentName name = AttachmentName.of(fileName(part), false);
        if (name.refused()) {
            rejected(id, position, name.shown(), name.refusal(), counts);
            return;
        }
        Path file = staging.resolve(position + "-" + name.fileName());
        String tooLarge = save(part, file);
        if (tooLarge != null) {
            rejected(id, position, name.shown(), tooLarge, counts);
            return;
        }
        if (name.kind() == AttachmentName.Kind.EXPORT) {
            ingest(file, name.shown(), name.shown(), id, position, envelope, counts);
            return;
        }
        List<ArchiveEntries.Entry> entries;
        try {
            entries = archives.unpack(file, name.shown(), staging.resolve(position + "-unpacked"));
        } catch (ArchiveEntries.Refused e) {
            rejected(id, position, name.shown(), e.getMessage(), counts);
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            ArchiveEntries.Entry entry = entries.get(i);
            int entryPosition = i == 0 ? position : counts.nextPosition();
            String shown = name.shown() + "/" + entry.name();
            if (entry.refusal() != null) {
                rejected(id, entryPosition, shown, entry.refusal(), counts);
            } else {
                String entryName = entry.name().substring(Math.max(entry.name().lastIndexOf('/'), entry.name().lastIndexOf('\\')) + 1);
                ingest(entry.file(), entryName, shown, id, entryPosition, envelope, counts);
            }
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name != null && name.contains("=?") ? MimeUtility.decodeText(name) : name;
        } catch (MessagingException | UnsupportedEncodingException e) {
            return null;
        }
    }

    /**
     * Saves an attachment's decoded content, counting bytes; the reason when it is too large (or undecodable). A
     * failure to write it is the disk's, not the attachment's: a {@link StagingFile.Failed}.
     */
    private String save(Part part, Path file) throws MessagingException, StagingFile.Failed {
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = part.getInputStream(); OutputStream out = StagingFile.create(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > maxAttachment) {
                    return "it is larger than " + Sizes.shown(maxAttachment) + " (caregap.mail-drop.max-attachment);"
                            + " nothing of it was read";
                }
                out.write(buffer, 0, n);
            }
            return null;
        } catch (StagingFile.Failed e) {
            throw e;
        } catch (IOException e) {
            return "its content could not be decoded (" + e.getMessage() + ")";
        }
    }

    private void rejected(long id, int position, String name, String reason, Counts counts) {
        counts.rejected++;
        record(id, position, name, MailMessageStore.REJECTED, null, reason);
        log.warn("Mail message {}: attachment {} rejected: {}", id, name, IntakeText.shown(reason));
    }

    private void record(long id, int position, String name, String status, Long exportId, String reason) {
        messages.attachment(id, position, MessageEnvelope.stored(name), status, exportId, MessageEnvelope.stored(reason));
    }

    /** Hands one export to the same ingestion as a dropped file and records what became of it. */
    private void ingest(Path file, String fileName, String attachmentName, long id, int position, Envelope envelope,
                        Counts counts) {
        String source = "mail from " + envelope.sender() + ", message " + id + ", attachment " + position;
        Arrival arrival = Arrival.of(file, IntakeText.shown(fileName), IntakeText.shown(source),
                envelope.receivedAt() == null ? Instant.now() : envelope.receivedAt());
        IngestOutcome outcome;
        try {
            outcome = producer.requestBody("direct:ingest", arrival, IngestOutcome.class);
        } catch (CamelExecutionException e) {
            // the database (or its pool: a CannotCreateTransactionException) failed, not the attachment: the message
            // stays READING in the polled folder and is read again
            if (e.getCause() instanceof DataAccessException unreachable) {
                throw unreachable;
            }
            if (e.getCause() instanceof TransactionException unreachable) {
                throw unreachable;
            }
            rejected(id, position, attachmentName, "it could not be processed because of an unexpected error: "
                    + (e.getCause() == null ? e : e.getCause()), counts);
            return;
        }
        switch (outcome.status()) {
            case INGESTED -> {
                counts.accepted++;
                record(id, position, attachmentName, MailMessageStore.ACCEPTED, outcome.exportId(), outcome.reason());
            }
            case REPEAT -> {
                Optional<Long> earlierAttempt = messages.sameAttachmentIngested(outcome.exportId(), arrival.source());
                if (earlierAttempt.isPresent()) {
                    counts.accepted++;
                    record(id, position, attachmentName, MailMessageStore.ACCEPTED, earlierAttempt.get(), null);
                    log.info("Mail message {}: attachment {} was ingested as export {} before the earlier attempt stopped",
                            id, attachmentName, earlierAttempt.get());
                } else {
                    counts.repeats++;
                    record(id, position, attachmentName, MailMessageStore.REPEAT, outcome.exportId(), outcome.reason());
                    log.info(outcome.summary());
                }
            }
            case REJECTED, FAILED -> rejected(id, position, attachmentName, outcome.reason()
                    + (outcome.details() == null || outcome.details().isBlank() ? "" : " " + outcome.details()), counts);
        }
    }
}
