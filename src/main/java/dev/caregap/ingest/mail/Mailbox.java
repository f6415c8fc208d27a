package dev.caregap.ingest.mail;

import dev.caregap.config.mail.MailSettings;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The polled IMAP folder, open for one poll. A message leaves it by a copy into another folder of the same
 * mailbox (made when missing) and a deletion flag; the folder is expunged when the poll closes it, so a stop in
 * between leaves the message in place (and flagged): it is looked at again, never lost.
 */
final class Mailbox implements AutoCloseable {

    private final Store store;
    private final Folder folder;

    private Mailbox(Store store, Folder folder) {
        this.store = store;
        this.folder = folder;
    }

    static Mailbox open(MailSettings.Imap imap) throws MessagingException {
        String protocol = imap.security() == MailSettings.Security.TLS ? "imaps" : "imap";
        Properties properties = new Properties();
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".host", imap.host());
        properties.put("mail." + protocol + ".port", Integer.toString(imap.port()));
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "60000");
        // a message is downloaded in pieces of this size: the default 16 KB takes a round trip per piece
        properties.put("mail." + protocol + ".fetchsize", Integer.toString(1024 * 1024));
        if (imap.security() == MailSettings.Security.STARTTLS) {
            properties.put("mail.imap.starttls.enable", "true");
            properties.put("mail.imap.starttls.required", "true");
        }
        Store store = Session.getInstance(properties).getStore(protocol);
        store.connect(imap.host(), imap.port(), imap.user(), imap.password());
        try {
            Folder folder = store.getFolder(imap.folder());
            folder.open(Folder.READ_WRITE);
            return new Mailbox(store, folder);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The messages waiting, oldest first, with envelope, flags and size fetched in one go; at most {@code max}. */
    List<Message> waiting(int max) throws MessagingException {
        int count = folder.getMessageCount();
        if (count == 0) {
            return List.of();
        }
        Message[] messages = folder.getMessages(1, Math.min(count, max));
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add("Message-ID");
        folder.fetch(messages, profile);
        return Arrays.stream(messages).filter(m -> !isDeleted(m)).toList();
    }

    private static boolean isDeleted(Message message) {
        try {
            return message.isSet(Flags.Flag.DELETED);
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Moves a message to {@code folderName} (made when missing). */
    void moveTo(Message message, String folderName) throws MessagingException {
        Folder target = store.getFolder(folderName);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        folder.copyMessages(new Message[] {message}, target);
        message.setFlag(Flags.Flag.DELETED, true);
    }

    /**
     * What went wrong while the server handed a message over: the connection closed (a FolderClosedException, which
     * ends the poll) or this message could not be fetched now (tried again at the next poll).
     */
    static MessagingException failure(IOException e) {
        if (e.getCause() instanceof FolderClosedException closed) {
            return closed;
        }
        if (e.getCause() instanceof StoreClosedException closed) {
            return closed;
        }
        return new MessagingException("the message could not be downloaded from the server: " + e, e);
    }

    /** Closes the folder, removing the messages moved out of it, and the connection. */
    @Override
    public void close() throws MessagingException {
        try {
            if (folder.isOpen()) {
                folder.close(true);
            }
        } finally {
            store.close();
        }
    }
}
