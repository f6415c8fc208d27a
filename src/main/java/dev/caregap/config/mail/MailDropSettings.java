package dev.caregap.config.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The mail drop: exports mailed as attachments to the mailbox of {@link MailSettings#imap()}. Off unless enabled;
 * application.yaml enables it with the embedded mail server, where anyone {@code @localhost} may send.
 *
 * @param enabled          poll the mailbox
 * @param poll             how often the mailbox is looked at
 * @param allowedSenders   addresses ({@code analyst@example.org}) or domains ({@code @example.org}) whose messages
 *                         are read; empty: {@code @localhost} with the embedded server, else no one
 * @param quarantineFolder where messages of other senders are moved, unread
 * @param failedFolder     where malformed and refused messages are moved, with their reason recorded
 * @param doneFolder       where messages are moved once their attachments are committed
 * @param staging          where attachments are saved while they are read
 * @param maxMessage       the largest message read
 * @param maxAttachment    the largest attachment (or archive entry) read
 * @param maxUnzipped      the most an archive may hold unpacked, counted while inflating
 * @param maxEntries       the most entries an archive may hold
 * @param receiptWait      how long a receipt waits for the run holding its exports' figures
 */
@ConfigurationProperties(prefix = "caregap.mail-drop")
public record MailDropSettings(@DefaultValue("false") boolean enabled,
                               @DefaultValue("2s") Duration poll,
                               @DefaultValue List<String> allowedSenders,
                               @DefaultValue("quarantine") String quarantineFolder,
                               @DefaultValue("caregap-failed") String failedFolder,
                               @DefaultValue("caregap-done") String doneFolder,
                               Path staging,
                               @DefaultValue("50MB") DataSize maxMessage,
                               @DefaultValue("25MB") DataSize maxAttachment,
                               @DefaultValue("200MB") DataSize maxUnzipped,
                               @DefaultValue("100") int maxEntries,
                               @DefaultValue("10m") Duration receiptWait) {

    public MailDropSettings {
        allowedSenders = allowedSenders == null ? List.of() : List.copyOf(allowedSenders);
        staging = staging == null ? Path.of("data", "mail-drop").toAbsolutePath() : staging;
    }

    /** The senders allowed: those configured, else anyone {@code @localhost} with the embedded server. */
    public List<String> allowedSenders(boolean embeddedServer) {
        if (!allowedSenders.isEmpty()) {
            return allowedSenders;
        }
        return embeddedServer ? List.of("@localhost") : List.of();
    }
}
