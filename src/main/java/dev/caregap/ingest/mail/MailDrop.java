package dev.caregap.ingest.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.deliver.MailReceipt;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.ingest.IntakeText;
import dev.caregap.read.Arrival;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.MailMessageStore;
import dev.caregap.store.MailMessageStore.Envelope;
import dev.caregap.store.MailMessageStore.Seen;
import jakarta.mail.Address;
import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import jakarta.mail.internet.MimeUtility;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The mail drop: one instance at a time (it holds the poller's lease in the database) looks at the mailbox, and
 * every message is recorded once under its key (its Message-ID, else a hash of the raw message). A message from a
 * sender not allowed is moved to the quarantine folder unread. Every other one is split into its attachments; each
 * is checked (name, type, size; a .zip is unpacked within limits), saved to the staging folder and handed to the
 * same ingestion as a dropped file ({@code direct:ingest}). Only when every attachment is committed is the message
 * marked done and moved out of the polled folder; a stop before that reads it again, and an attachment already
 * ingested by the earlier attempt counts as accepted (its content's unique key keeps it from being stored twice).
 * A message that cannot be read as MIME is moved aside with its reason, and polling goes on. A message that cannot
 * be downloaded now (a dropped connection, a read timeout, a full staging disk) or stored now (the database is
 * unreachable) is not its sender's fault: it stays in the polled folder and is read again at a next poll.
 */
@Component
public class MailDrop {

    private static final Logger log = LoggerFactory.getLogger(MailDrop.class);
    private static final int MESSAGES_PER_POLL = 50;
    private static final long POLLER = 1;

    private final MailSettings mail;
    private final MailDropSettings drop;
    private final SenderPolicy senders;
    private final MailMessageStore messages;
    private final Heartbeat heartbeat;
    private final ProducerTemplate producer;
    private final CaregapProperties settings;
    private final ArchiveEntries archives;

    public MailDrop(MailSettings mail, MailDropSettings drop, MailMessageStore messages, Heartbeat heartbeat,
                    ProducerTemplate producer, CaregapProperties settings) {
        this.mail = mail;
        this.drop = drop;
        this.senders = new SenderPolicy(drop.allowedSenders(mail.embedded()));
        this.messages = messages;
        this.heartbeat = heartbeat;
        this.producer = producer;
        this.settings = settings;
        this.archives = new ArchiveEntries(drop.maxAttachment().toBytes(), drop.maxUnzipped().toBytes(), drop.maxEntries());
        if (drop.enabled()) {
            log.info("Mail drop: polling {} every {} s; allowed senders: {}", mail.imap(), drop.poll().toMillis() / 1000.0,
                    senders);
        }
    }

    /**
     * Polls the mailbox if the mail drop is enabled and this instance holds (or takes) the poller's lease; returns how
     * many messages it handled.
     */
    public int poll() {
        if (!drop.enabled()) {
            return 0;  // its route does not start then; should it be started all the same, the mailbox is left alone
        }
        Instant now = Instant.now();
        if (!messages.claimPoller(settings.instance(), now, now.plus(settings.work().lease()))) {
            return 0;
        }
        return heartbeat.whileHolding(Heartbeat.Work.MAIL_POLLER, POLLER, this::pollMailbox);
    }

    private int pollMailbox() {
        int handled = 0;
        try (Mailbox mailbox = Mailbox.open(mail.imap())) {
            for (Message message : mailbox.waiting(MESSAGES_PER_POLL)) {
                try {
                    handle(mailbox, message);
                    handled++;
                } catch (FolderClosedException | StoreClosedException e) {
                    throw e;  // the connection is gone: the poll ends, the next one starts over
                } catch (MessagingException e) {
                    // one message the server cannot hand over or move: the others go on; it is tried at the next poll
                    log.warn("Mail message {} could not be handled now, tried again at the next poll: {}",
                            message.getMessageNumber(), e.getMessage());
                } catch (StagingFile.Failed e) {
                    // this machine's disk, not the message: the others would fail alike; it is read again later
                    throw new IllegalStateException("mail message " + message.getMessageNumber() + " stays in the mailbox"
                            + " and is read again: " + e.getMessage(), e);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the mailbox " + mail.imap() + " cannot be read: " + e.getMessage(), e);
        }
        return handled;
    }

    /** Handles one message of the polled folder (package-private: tests hand it messages that fail on purpose). */
    void handle(Mailbox mailbox, Message message) throws MessagingException, StagingFile.Failed {
        Instant now = Instant.now();
        Envelope envelope = envelope(message);
        String key = key(message, envelope);
        String from = IntakeText.shown(envelope.sender());
        String subject = IntakeText.shown(envelope.subject());
        if (!senders.allows(envelope.sender())) {
            String reason = (envelope.sender() == null ? "it names no sender" : from + " is not an allowed sender")
                    + " (caregap.mail-drop.allowed-senders: " + senders + "); moved to " + drop.quarantineFolder() + " unread";
            Seen seen = register(mailbox, message, key, envelope, MailMessageStore.QUARANTINED, reason, now);
            if (seen == null) {
                return;
            }
            mailbox.moveTo(message, drop.quarantineFolder());
            log.warn("Mail message {} \"{}\" quarantined: {}", seen.id(), subject, reason);
            return;
        }
        Seen seen = register(mailbox, message, key, envelope, MailMessageStore.READING, null, now);
        if (seen == null) {
            return;
        }
        if (seen.finished()) {
            String folder = folder(seen.status());
            mailbox.moveTo(message, folder);
            log.info("Mail message {} from {} \"{}\" came again (same {}): it was handled already ({}), nothing is read"
                    + " again; moved to {}", seen.id(), from, subject, envelope.messageId() == null ? "content" : "Message-ID",
                    seen.status(), folder);
            return;
        }
        if (!seen.isNew()) {
            messages.forgetAttachments(seen.id());
            log.info("Mail message {} from {} \"{}\" is read again: an earlier attempt stopped before it was done",
                    seen.id(), from, subject);
        }
        log.info("Mail message {} from {} \"{}\": reading its attachments", seen.id(), from, subject);
        Finished finished;
        try {
            // a MessagingException (the server could not hand it over) or a StagingFile.Failed is not the message's
            // fault either: it goes up, and the message stays READING in the polled folder and is read again
            finished = read(message, seen.id(), envelope);
        } catch (DataAccessException | TransactionException e) {
            throw e;  // not the message's fault: it stays READING in the polled folder and is read again
        } catch (RuntimeException e) {
            log.error("Mail message {}: unexpected error", seen.id(), e);
            finished = new Finished(MailMessageStore.FAILED, "it could not be processed because of an unexpected error: " + e);
        }
        messages.finish(seen.id(), finished.status(), stored(finished.reason()), Instant.now());
        boolean done = MailMessageStore.DONE.equals(finished.status());
        mailbox.moveTo(message, done ? drop.doneFolder() : drop.failedFolder());
        if (done) {
            log.info("Mail message {} from {} \"{}\" done: {}; moved to {}", seen.id(), from, subject, finished.reason(),
                    drop.doneFolder());
        } else {
            log.warn("Mail message {} from {} \"{}\" {}: {}; moved to {}", seen.id(), from, subject,
                    finished.status().toLowerCase(java.util.Locale.ROOT), IntakeText.shown(finished.reason()), drop.failedFolder());
        }
    }

    private record Finished(String status, String reason) {
    }

    /**
     * Registers a message under its key. Should the database refuse a value of the message's own (a constraint, a
     * text it cannot hold), the message is registered again without its headers, refused with that reason, and
     * moved aside: one message must not stop every poll. Null then (or when even that is refused: it stays in the
     * mailbox, the others go on). Any other failure (the database unreachable) goes up: the poll ends, nothing is
     * marked, and the message is read again.
     */
    private Seen register(Mailbox mailbox, Message message, String key, Envelope envelope, String status, String reason,
                          Instant now) throws MessagingException {
        try {
            return messages.register(key, envelope, status, reason, now);
        } catch (DataIntegrityViolationException refused) {
            String why = "its headers could not be recorded (" + refused.getMostSpecificCause().getMessage() + ")";
            String refusedAs = MailMessageStore.QUARANTINED.equals(status) ? status : MailMessageStore.FAILED;
            Envelope bare = new Envelope(envelope.sender(), "", null, envelope.receivedAt());
            Seen seen;
            try {
                seen = messages.register(key, bare, refusedAs, stored(reason == null ? why : reason + "; " + why), now);
            } catch (DataIntegrityViolationException again) {
                log.error("Mail message {} from {} cannot be recorded, not even without its headers ({}): it stays in the"
                        + " mailbox, the other messages go on", message.getMessageNumber(), IntakeText.shown(envelope.sender()),
                        IntakeText.shown(again.getMostSpecificCause().getMessage()));
                return null;
            }
            if (seen.finished()) {
                mailbox.moveTo(message, folder(seen.status()));
                log.warn("Mail message {} from {} {}: {}; moved to {}", seen.id(), IntakeText.shown(envelope.sender()),
                        seen.status().toLowerCase(java.util.Locale.ROOT), IntakeText.shown(why), folder(seen.status()));
            }
            return null;
        }
    }

    /** The mailbox folder a finished message belongs in. */
    private String folder(String status) {
        return MailMessageStore.DONE.equals(status) ? drop.doneFolder()
                : MailMessageStore.QUARANTINED.equals(status) ? drop.quarantineFolder() : drop.failedFolder();
    }

    /**
     * Text of the message as it is stored (subject, sender, Message-ID, reasons): no control characters, which a
     * database may refuse (PostgreSQL's text holds no NUL): white space ones become a space, the others U+FFFD.
     */
    private static String stored(String text) {
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

    /**
     * Reads every attachment of a message; each one's outcome is recorded as it is committed. Only what is wrong with
     * the message finishes it; a failure of the server or the staging folder goes up (it is read again).
     */
    private Finished read(Message message, long id, Envelope envelope) throws MessagingException, StagingFile.Failed {
        if (message.getSize() > drop.maxMessage().toBytes()) {
            return new Finished(MailMessageStore.REJECTED, "the message is " + Sizes.shown(message.getSize())
                    + ", more than the " + Sizes.shown(drop.maxMessage().toBytes())
                    + " a message may have (caregap.mail-drop.max-message); nothing of it was read");
        }
        Path staging = drop.staging().resolve("message-" + id);
        SharedFileInputStream raw = null;
        try {
            StagingFile.folder(staging);
            raw = download(message, staging.resolve("message.eml"));
            if (raw == null) {
                return new Finished(MailMessageStore.REJECTED, "the message is larger than the "
                        + Sizes.shown(drop.maxMessage().toBytes()) + " a message may have (caregap.mail-drop.max-message);"
                        + " nothing of it was read");
            }
            return attachments(raw, id, envelope, staging);
        } finally {
            close(raw);
            remove(staging);
        }
    }

    /** Reads the attachments of a message saved whole; one that is not MIME after all is FAILED with the reason. */
    private Finished attachments(SharedFileInputStream raw, long id, Envelope envelope, Path staging) throws StagingFile.Failed {
        Counts counts = new Counts();
        try {
            List<Part> parts = new ArrayList<>();
            collect(new MimeMessage(Session.getInstance(new Properties()), raw), parts);
            if (parts.isEmpty()) {
                return new Finished(MailMessageStore.REJECTED, "the message has no attachments: caregap reads survey exports"
                        + " attached to a message");
            }
            for (Part part : parts) {
                attachment(part, id, envelope, staging, counts);
            }
        } catch (StagingFile.Failed e) {
            throw e;
        } catch (MessagingException | IOException e) {
            return new Finished(MailMessageStore.FAILED, "the message could not be read as MIME: " + e.getMessage());
        }
        return new Finished(MailMessageStore.DONE, counts.toString());
    }

    /**
     * The raw message saved to {@code file} (counting bytes, null past the limit) and parsed here, from the file:
     * its structure is never taken from the server, so a malformed message fails with the parser's own reason. A
     * failure while it comes from the server is the server's ({@link #fromServer}), one of the disk a
     * {@link StagingFile.Failed}: neither is the message's.
     */
    private SharedFileInputStream download(Message message, Path file) throws MessagingException, StagingFile.Failed {
        long max = drop.maxMessage().toBytes();
        try (OutputStream out = new LimitedOutputStream(StagingFile.create(file), max)) {
            message.writeTo(out);
        } catch (LimitedOutputStream.TooLarge e) {
            return null;
        } catch (StagingFile.Failed e) {
            throw e;
        } catch (IOException e) {
            throw fromServer(e);
        }
        try {
            return new SharedFileInputStream(file.toFile());
        } catch (IOException e) {
            throw new StagingFile.Failed(file, e);
        }
    }

    /**
     * What went wrong while the server handed a message over: the connection closed (a FolderClosedException, which
     * ends the poll) or this message could not be fetched now (tried again at the next poll).
     */
    private static MessagingException fromServer(IOException e) {
        if (e.getCause() instanceof FolderClosedException closed) {
            return closed;
        }
        if (e.getCause() instanceof StoreClosedException closed) {
            return closed;
        }
        return new MessagingException("the message could not be downloaded from the server: " + e, e);
    }

    private static void close(SharedFileInputStream raw) {
        try {
            if (raw != null) {
                raw.close();
            }
        } catch (IOException e) {
            log.warn("The saved message could not be closed: {}", e.getMessage());
        }
    }

    /** Removes a message's staging folder; one left behind is overwritten by the next attempt, and harms nothing. */
    private static void remove(Path staging) {
        try {
            FileSystemUtils.deleteRecursively(staging);
        } catch (IOException e) {
            log.warn("The staging folder {} could not be removed: {}", staging, e.getMessage());
        }
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

        @Override
        public String toString() {
            return accepted + " accepted, " + repeats + " repeat" + (repeats == 1 ? "" : "s") + ", " + rejected + " rejected";
        }
    }

    private void attachment(Part part, long id, Envelope envelope, Path staging, Counts counts)
            throws MessagingException, StagingFile.Failed {
        int position = nextPosition(counts);
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
            int entryPosition = i == 0 ? position : nextPosition(counts);
            String shown = name.shown() + "/" + entry.name();
            if (entry.refusal() != null) {
                rejected(id, entryPosition, shown, entry.refusal(), counts);
            } else {
                String entryName = entry.name().substring(Math.max(entry.name().lastIndexOf('/'), entry.name().lastIndexOf('\\')) + 1);
                ingest(entry.file(), entryName, shown, id, entryPosition, envelope, counts);
            }
        }
    }

    /** Attachments and archive entries are numbered in the order they come, the same at every attempt. */
    private static int nextPosition(Counts counts) {
        return counts.accepted + counts.repeats + counts.rejected + 1;
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
        long max = drop.maxAttachment().toBytes();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = part.getInputStream(); OutputStream out = StagingFile.create(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > max) {
                    return "it is larger than " + Sizes.shown(max) + " (caregap.mail-drop.max-attachment); nothing of it was read";
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
        messages.attachment(id, position, stored(name), status, exportId, stored(reason));
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

    private static Envelope envelope(Message message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (jakarta.mail.internet.AddressException e) {
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
    private static String key(Message message, Envelope envelope) throws MessagingException {
        if (envelope.messageId() != null) {
            return envelope.messageId().length() <= 500 ? envelope.messageId()
                    : "sha256:" + HexFormat.of().formatHex(sha256().digest(envelope.messageId().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256())) {
            message.writeTo(out);
            return "sha256:" + HexFormat.of().formatHex(out.getMessageDigest().digest());
        } catch (IOException e) {
            throw fromServer(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- receipts

    /**
     * Queues the receipts that are due: a message's receipt waits until every export it brought is covered by a
     * computed run (so it can name that run), at most caregap.mail-drop.receipt-wait; a message that brought none
     * gets its receipt at once. Any instance may do it: the database lets one queue each receipt.
     */
    public int queueReceipts() {
        int queued = 0;
        for (long id : messages.awaitingReceipt()) {
            Instant now = Instant.now();
            Optional<Optional<Long>> run = messages.coveringRun(id);
            if (run.isEmpty()) {
                Instant finished = messages.finishedAt(id);
                if (finished != null && finished.plus(drop.receiptWait()).isAfter(now)) {
                    continue;
                }
                log.warn("Mail message {}: its run was not computed within {}; the receipt goes without it", id, drop.receiptWait());
            }
            if (messages.queueReceipt(id, run.flatMap(r -> r).orElse(null), MailReceipt.NAME, now)) {
                queued++;
            }
        }
        return queued;
    }
}
