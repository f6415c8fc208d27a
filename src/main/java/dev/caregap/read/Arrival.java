package dev.caregap.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The provenance of an export: which file, from where, when, and a fingerprint of its content so the
 * same content dropped twice is recognised as a repeat whatever its name.
 *
 * @param file        where the content is now (read from here)
 * @param fileName    the name it arrived under
 * @param source      where it came from, e.g. "folder /srv/caregap/inbox" or "mail from ..."
 * @param contentHash SHA-256 of the bytes, hex
 * @param sizeBytes   size of the content
 * @param receivedAt  when it arrived
 */
public record Arrival(Path file, String fileName, String source, String contentHash, long sizeBytes,
                      Instant receivedAt) {

    /** Fingerprints the file by streaming it once; nothing is held in memory. */
    public static Arrival of(Path file, String fileName, String source, Instant receivedAt) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
            }
            String hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return new Arrival(file, fileName, source, hash, size, receivedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
