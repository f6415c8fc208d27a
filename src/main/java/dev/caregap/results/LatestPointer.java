package dev.caregap.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Points a study's {@code latest} at one of its run folders, and writes the run folder's name into
 * {@code LATEST.txt} for scripts and for systems without symbolic links.
 *
 * <p>{@code latest} is a relative symbolic link (so the results folder can be moved or mounted
 * elsewhere), swapped in with one atomic rename so a reader sees either the old run or the new one.
 * Where symbolic links cannot be made (Windows without the privilege, some shares), {@code latest} is a
 * plain copy of the run folder instead. Callers move one study's pointer one at a time (the delivery holds the
 * study's lock in the database, which also orders instances).
 */
final class LatestPointer {

    static final String LINK = "latest";
    static final String NAME_FILE = "LATEST.txt";

    private final boolean symbolicLinks;

    LatestPointer() {
        this(true);
    }

    /** @param symbolicLinks false to always copy, as where links are not supported */
    LatestPointer(boolean symbolicLinks) {
        this.symbolicLinks = symbolicLinks;
    }

    void pointAt(Path studyFolder, String runName) throws IOException {
        if (newerThan(current(studyFolder), runName)) {
            return;  // runs may be delivered out of order: latest only ever moves forward
        }
        Path latest = studyFolder.resolve(LINK);
        if (!(symbolicLinks && link(latest, runName))) {
            copy(latest, runName);
        }
        writeName(studyFolder.resolve(NAME_FILE), runName);
    }

    /** The run latest names now, or null. */
    static String current(Path studyFolder) throws IOException {
        Path nameFile = studyFolder.resolve(NAME_FILE);
        return Files.isRegularFile(nameFile) ? Files.readString(nameFile).strip() : null;
    }

    /** Run names are numbered (run-00042): a longer number is newer, else the larger one. */
    static boolean newerThan(String current, String runName) {
        if (current == null || current.isEmpty()) {
            return false;
        }
        return current.length() != runName.length() ? current.length() > runName.length() : current.compareTo(runName) > 0;
    }

    private static boolean link(Path latest, String runName) throws IOException {
        Path temporary = latest.resolveSibling("." + LINK + "." + runName + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createSymbolicLink(temporary, Path.of(runName));
        } catch (UnsupportedOperationException | FileSystemException e) {
            return false;
        }
        if (Files.isDirectory(latest, LinkOption.NOFOLLOW_LINKS)) {
            // a copy left from a time without links: a rename cannot replace a folder that has files
            Folders.delete(latest);
        }
        Folders.moveReplacing(temporary, latest);
        return true;
    }

    private static void copy(Path latest, String runName) throws IOException {
        Path temporary = latest.resolveSibling("." + LINK + "." + runName + ".new");
        Path old = latest.resolveSibling("." + LINK + "." + runName + ".old");
        Folders.delete(temporary);
        Folders.delete(old);
        Folders.copy(latest.resolveSibling(runName), temporary);
        if (Files.exists(latest, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(latest, old);
        }
        Files.move(temporary, latest);
        Folders.delete(old);
    }

    private static void writeName(Path nameFile, String runName) throws IOException {
        Path temporary = nameFile.resolveSibling("." + NAME_FILE + "." + runName + ".new");
        Files.writeString(temporary, runName + "\n", StandardCharsets.UTF_8);
        Folders.moveReplacing(temporary, nameFile);
    }
}
