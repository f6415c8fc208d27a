package dev.caregap.ingest.mail;

import dev.caregap.ingest.IntakeText;

import java.io.EOFException;
import java.io.IOException;
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
 * on its own (its bytes still count). An archive that cannot be read whole (damaged, or cut short in transit) is
 * refused as a whole, naming the entry it broke off in.
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

    /**
     * Unpacks {@code zip} (the archive mailed as {@code archiveName}) into {@code folder} (which it makes); on a
     * refusal nothing unpacked is kept. A failure of the staging folder itself is a {@link StagingFile.Failed}.
     */
    List<Entry> unpack(Path zip, String archiveName, Path folder) throws Refused, StagingFile.Failed {
        StagingFile.folder(folder);
        List<Entry> entries = new ArrayList<>();
        String reading = null;  // the entry being inflated, named when the archive breaks off in it
        Path writing = null;    // and where it goes, removed with the others on a refusal
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(StagingFile.open(zip))) {
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
                reading = name.shown();
                Path target = name.refused() ? null : folder.resolve(count + "-" + name.fileName());
                writing = target;
                long size = 0;
                String refusal = name.refusal();
                try (OutputStream out = target == null ? OutputStream.nullOutputStream() : StagingFile.create(target)) {
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
                    StagingFile.delete(target);
                }
                entries.add(new Entry(name.shown(), refusal == null ? target : null, refusal));
                reading = null;
                writing = null;
            }
        } catch (StagingFile.Failed e) {
            delete(entries, writing);
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // a ZipException, or an EOFException of an archive cut short (a deflated entry that ends early), or an
            // entry name that is no text: the archive cannot be read whole, and none of it is read
            delete(entries, writing);
            throw new Refused(unreadable(archiveName, reading, e));
        } catch (Refused e) {
            delete(entries, writing);
            throw e;
        }
        if (entries.isEmpty()) {
            throw new Refused("the archive holds no files");
        }
        return entries;
    }

    private static String unreadable(String archiveName, String entry, Exception e) {
        String why = e.getMessage() != null ? e.getMessage()
                : e instanceof EOFException ? "it ends early" : e.getClass().getSimpleName();
        return "it is not a readable zip archive: " + IntakeText.shown(archiveName) + " is damaged or cut short"
                + (entry == null ? "" : " in its entry " + entry) + " (" + IntakeText.shown(why) + "); nothing of it was read";
    }

    /** The entries unpacked, and the one being unpacked. */
    private static void delete(List<Entry> entries, Path writing) {
        for (Entry entry : entries) {
            deleteQuietly(entry.file());
        }
        deleteQuietly(writing);
    }

    /** Best effort: what is left goes with the message's staging folder. */
    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // removed with the staging folder
        }
    }
}
