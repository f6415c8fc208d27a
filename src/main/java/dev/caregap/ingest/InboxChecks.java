package dev.caregap.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What the intake refuses before a file is read or registered, each with a reason for the failed folder:
 * <ul>
 *   <li>a symbolic link (unless {@code caregap.intake.follow-links}): links are normally refused by the intake-links
 *       route before the inbox route sees them; this catches one put in place meanwhile;</li>
 *   <li>a name longer than {@link InboxFolders#LONGEST_NAME} bytes: it could not be kept whole in the archive or the
 *       failed folder, which put the time before it (file systems allow 255 bytes);</li>
 *   <li>a text export whose last row is cut short ({@link IntakeLastRow}): it may still have been being written.</li>
 * </ul>
 */
@Component
public class InboxChecks {

    private static final Logger log = LoggerFactory.getLogger(InboxChecks.class);

    private final boolean followLinks;

    public InboxChecks(@Value("${caregap.intake.follow-links:false}") boolean followLinks) {
        this.followLinks = followLinks;
    }

    /**
     * Whether the file has left the inbox since it was picked up: another instance sharing the inbox took it between
     * this instance's look and its lock (it moves a file out before letting its lock go). Nothing is left to do.
     */
    public boolean gone(String absolutePath, String fileName) {
        if (!Files.notExists(Path.of(absolutePath), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        log.info("{} left the inbox before it was read here (another instance took it): nothing to do", IntakeText.shown(fileName));
        return true;
    }

    /** Why the file is refused, or null when it may be read. */
    public IngestOutcome refusal(String absolutePath, String fileName) throws IOException {
        Path file = Path.of(absolutePath);
        String shown = IntakeText.shown(fileName);
        if (!followLinks && Files.isSymbolicLink(file)) {
            return InboxLinks.refusal(file, shown);
        }
        int bytes = InboxFolders.bytes(fileName);
        if (bytes > InboxFolders.LONGEST_NAME) {
            return IngestOutcome.refused(shown, "The file name is " + bytes + " bytes long; caregap keeps names of up to "
                            + InboxFolders.LONGEST_NAME + " bytes (the archive puts the time before a name, and file systems"
                            + " allow 255 bytes): give the file a shorter name and drop it again.",
                    "file " + shown + ": " + bytes + " bytes in UTF-8; moved to the failed folder under a shortened name");
        }
        return IntakeLastRow.check(file, shown);
    }

    /** What became of a file that an unexpected error stopped (a bug, a folder that cannot be written). */
    public IngestOutcome unexpected(String fileName, Exception problem) {
        return IngestOutcome.failed(fileName, problem);
    }
}
