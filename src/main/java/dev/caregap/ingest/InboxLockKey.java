package dev.caregap.ingest;

import org.springframework.stereotype.Component;

import java.util.HexFormat;

/**
 * The key of a file's read lock (a row of inbox_lock, bean inboxLocks): its absolute path, which instances sharing
 * the inbox agree on. The key column holds 1,000 characters; a longer path (a deep inbox) is shortened to its start
 * and the SHA-256 of the whole path, still one key per file, so that its lock can be taken at all: a key that does
 * not fit fails the insert, and the file would be passed over at every poll without a word.
 */
@Component
public class InboxLockKey {

    /** Characters the key column holds. */
    public static final int KEY_CHARS = 1000;

    public String of(String absolutePath) {
        if (absolutePath.length() <= KEY_CHARS) {
            return absolutePath;
        }
        String hash = "...#sha256:" + HexFormat.of().formatHex(InboxFolders.sha256(absolutePath));
        int end = KEY_CHARS - hash.length();
        if (Character.isHighSurrogate(absolutePath.charAt(end - 1))) {
            end--;
        }
        return absolutePath.substring(0, end) + hash;
    }
}
