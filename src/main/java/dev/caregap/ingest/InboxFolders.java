package dev.caregap.ingest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Where a file goes when it leaves the inbox: {@code archive/<date>/HHmmss-<name>} once its export is committed,
 * {@code failed/<date>/HHmmss-<name>} beside {@code HHmmss-<name>.error.txt} when it cannot be used. A name already
 * taken there (the same name twice in one second) gets a count, {@code HHmmss.2-<name>}, so nothing is ever
 * overwritten; the reason file is created first, exclusively, so it reserves its name even against another instance.
 * A name too long for the file system once the time is put before it is shortened, uniquely: its start, {@code ~},
 * eight hex digits of its SHA-256 and its extension.
 */
@Component
public class InboxFolders {

    /** The longest file name (in bytes) most file systems allow. */
    public static final int NAME_BYTES = 255;
    /** What the failed folder adds after a name, for the reason beside it. */
    public static final String REASON_SUFFIX = ".error.txt";
    /** What the archive and failed folders put before a name, at most ("HHmmss.NN-"). */
    private static final int PREFIX_BYTES = "HHmmss.NN-".length();
    /** The longest name kept whole in the archive and in the failed folder, reason file included: 235 bytes. */
    public static final int LONGEST_NAME = NAME_BYTES - PREFIX_BYTES - REASON_SUFFIX.length();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private final Path archive;
    private final Path failed;

    public InboxFolders(@Value("${caregap.archive}") Path archive, @Value("${caregap.failed}") Path failed) {
        this.archive = archive;
        this.failed = failed;
    }

    /** Where a file whose export is committed (or a repeat) goes: a name not yet taken in today's archive folder. */
    public String archived(String fileName) {
        LocalDateTime now = LocalDateTime.now();
        Path folder = archive.resolve(DATE.format(now));
        for (int count = 1; ; count++) {
            String prefix = prefix(now, count);
            Path destination = folder.resolve(prefix + fit(fileName, NAME_BYTES - prefix.length()));
            if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                return destination.toString();
            }
        }
    }

    /**
     * Writes the reason why a file cannot be used into today's failed folder, under a name not yet taken, and answers
     * where the file itself goes: beside it, the same name without {@code .error.txt}.
     */
    public String failed(String fileName, String reasonText) throws IOException {
        LocalDateTime now = LocalDateTime.now();
        Path folder = Files.createDirectories(failed.resolve(DATE.format(now)));
        for (int count = 1; ; count++) {
            String prefix = prefix(now, count);
            String name = prefix + fit(fileName, NAME_BYTES - prefix.length() - REASON_SUFFIX.length());
            Path destination = folder.resolve(name);
            if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.writeString(folder.resolve(name + REASON_SUFFIX), reasonText, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return destination.toString();
            } catch (FileAlreadyExistsException taken) {
                // another file of the same name failed in the same second: take the next count
            }
        }
    }

    /** The reason file beside a file in the failed folder. */
    public static Path reasonFile(Path destination) {
        return destination.resolveSibling(destination.getFileName() + REASON_SUFFIX);
    }

    private static String prefix(LocalDateTime now, int count) {
        return TIME.format(now) + (count == 1 ? "" : "." + count) + "-";
    }

    /** The name as it is if it fits {@code maxBytes} in UTF-8, else shortened: its start, ~, a hash, its extension. */
    static String fit(String name, int maxBytes) {
        if (bytes(name) <= maxBytes) {
            return name;
        }
        String hash = "~" + HexFormat.of().formatHex(sha256(name), 0, 4);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && bytes(name.substring(dot)) <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        return startOf(stem, maxBytes - bytes(hash) - bytes(extension)) + hash + extension;
    }

    /** Bytes of the name in UTF-8, as the file system counts them. */
    public static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest start of {@code text} that fits {@code maxBytes} in UTF-8, never splitting a character. */
    private static String startOf(String text, int maxBytes) {
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = bytes(new String(Character.toChars(codePoint)));
            if (used + size > maxBytes) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
