package dev.caregap.ingest.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.deliver.MailReceipt;
import dev.caregap.ingest.IntakeText;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.MailMessageStore;
import dev.caregap.store.MailMessageStore.Envelope;
import dev.caregap.store.MailMessageStore.Seen;
import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.util.SharedFileInputStream;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The mail drop: one instance at a time (it holds the poller's lease in the database) looks at the mailbox, and
 * every message is recorded once under its key (its Message-ID, else a hash of the raw message). A message from a
 * sender not allowed is moved to the quarantine folder unread. Every other one is saved to the staging folder and
 * its attachments read ({@link AttachmentIntake}). Only when every attachment is committed is the message marked
 * done and moved out of the polled folder; a stop before that reads it again, and an attachment already ingested by
 * the earlier attempt counts as accepted (its content's unique key keeps it from being stored twice). A message
 * that cannot be read as MIME is moved aside with its reason, and polling goes on. A message that cannot be
 * downloaded now (a dropped connection, a read timeout, a full staging disk) or stored now (the database is
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
    private final CaregapProperties settings;
    private final AttachmentIntake attachments;

    public MailDrop(MailSettings mail, MailDropSettings drop, MailMessageStore messages, Heartbeat heartbeat,
                    ProducerTemplate producer, CaregapProperties settings) {
        this.mail = mail;
        this.drop = drop;
        this.senders = new SenderPolicy(drop.allowedSenders(mail.embedded()));
        this.messages = messages;
        this.heartbeat = heartbeat;
        this.settings = settings;
        this.attachments = new AttachmentIntake(messages, producer, new ArchiveEntries(drop.maxAttachment().toBytes(),
                drop.maxUnzipped().toBytes(), drop.maxEntries()), drop.maxAttachment().toBytes());
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
        Envelope envelope = MessageEnvelope.of(message);
        String key = MessageEnvelope.key(message, envelope);
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
        MessageOutcome finished;
        try {
            // a MessagingException (the server could not hand it over) or a StagingFile.Failed is not the message's
            // fault either: it goes up, and the message stays READING in the polled folder and is read again
            finished = read(message, seen.id(), envelope);
        } catch (DataAccessException | TransactionException e) {
            throw e;  // not the message's fault: it stays READING in the polled folder and is read again
        } catch (RuntimeException e) {
            log.error("Mail message {}: unexpected error", seen.id(), e);
            finished = new MessageOutcome(MailMessageStore.FAILED, "it could not be processed because of an unexpected error: " + e);
        }
        messages.finish(seen.id(), finished.status(), MessageEnvelope.stored(finished.reason()), Instant.now());
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
                seen = messages.register(key, bare, refusedAs, MessageEnvelope.stored(reason == null ? why : reason + "; " + why), now);
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
     * Reads every attachment of a message; each one's outcome is recorded as it is committed. Only what is wrong with
     * the message finishes it; a failure of the server or the staging folder goes up (it is read again).
     */
    private MessageOutcome read(Message message, long id, Envelope envelope) throws MessagingException, StagingFile.Failed {
        if (message.getSize() > drop.maxMessage().toBytes()) {
            return new MessageOutcome(MailMessageStore.REJECTED, "the message is " + Sizes.shown(message.getSize())
                    + ", more than the " + Sizes.shown(drop.maxMessage().toBytes())
                    + " a message may have (caregap.mail-drop.max-message); nothing of it was read");
        }
        Path staging = drop.staging().resolve("message-" + id);
        SharedFileInputStream raw = null;
        try {
            StagingFile.folder(staging);
            raw = download(message, staging.resolve("message.eml"));
            if (raw == null) {
                return new MessageOutcome(MailMessageStore.REJECTED, "the message is larger than the "
                        + Sizes.shown(drop.maxMessage().toBytes()) + " a message may have (caregap.mail-drop.max-message);"
                        + " nothing of it was read");
            }
            return attachments.read(raw, id, envelope, staging);
        } finally {
            close(raw);
            remove(staging);
        }
    }

    /**
     * The raw message saved to {@code file} (counting bytes, null past the limit) and parsed here, from the file:
     * its structure is never taken from the server, so a malformed message fails with the parser's own reason. A
     * failure while it comes from the server is the server's ({@link Mailbox#failure}), one of the disk a
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
            throw Mailbox.failure(e);
        }
        try {
            return new SharedFileInputStream(file.toFile());
        } catch (IOException e) {
            throw new StagingFile.Failed(file, e);
        }
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
