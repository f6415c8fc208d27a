package dev.caregap.ingest.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the exports a mailed .zip archive holds. The sizes an archive states are never trusted: bytes are counted
 * as they are inflated, so an archive that unpacks to more than its limit (a zip bomb) is refused part-way,
 * whatever its headers say; so is one with too many entries. Entries are checked by name like attachments: a
 * path out of the archive, a hidden file, an archive inside the archive or a file caregap does not read is refused
 * on its own (its bytes still count).
 */
final class ArchiveEntries {

    /** One entry: its name in the archive, and where it was unpacked, or why it was refused. */
    record Entry(String name, Path file, String refusal) {
    }

    /** The archive as a whole is refused: nothing of it is read. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private final int maxEntries;

    ArchiveEntries(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntries = maxEntries;
    }

    /** Unpacks {@code zip}'s entries into {@code folder} (which it makes); on a refusal nothing unpacked is kept. */
    List<Entry> unpack(Path zip, Path folder) throws Refused, IOException {
        Files.createDirectories(folder);
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            int count = 0;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (++count > maxEntries) {
                    throw new Refused("it holds more than " + maxEntries + " files (caregap.mail-drop.max-entries)");
                }
                AttachmentName name = AttachmentName.of(entry.getName(), true);
                Path target = name.refused() ? null : folder.resolve(count + "-" + name.fileName());
                long size = 0;
                String refusal = name.refusal();
                try (OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        size += n;
                        total += n;
                        if (total > maxTotalBytes) {
                            throw new Refused("unpacked, it holds more than " + Sizes.shown(maxTotalBytes)
                                    + " (caregap.mail-drop.max-unzipped): a zip bomb is refused; nothing of it was read");
                        }
                        if (size > maxEntryBytes) {
                            refusal = "unpacked, it is larger than " + Sizes.shown(maxEntryBytes) + " (caregap.mail-drop.max-attachment)";
                        }
                        if (refusal == null) {
                            out.write(buffer, 0, n);
                        }
                    }
                }
                if (refusal != null && target != null) {
                    Files.deleteIfExists(target);
                }
                entries.add(new Entry(name.shown(), refusal == null ? target : null, refusal));
            }
        } catch (java.util.zip.ZipException e) {
            throw new Refused("it is not a readable zip archive (" + e.getMessage() + ")");
        } catch (Refused e) {
            deleteEntries(entries);
            throw e;
        }
        if (entries.isEmpty()) {
            throw new Refused("the archive holds no files");
        }
        return entries;
    }

    private static void deleteEntries(List<Entry> entries) throws IOException {
        for (Entry entry : entries) {
            if (entry.file() != null) {
                Files.deleteIfExists(entry.file());
            }
        }
    }
}
