package dev.caregap.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Refuses symbolic links dropped into the inbox: a link may point at any file the service can read, so it is never
 * followed (unless {@code caregap.intake.follow-links} is true). Each link is moved, as a link, to the failed folder
 * beside its reason: never copied through, so nothing of what it points at is read or copied anywhere. Hidden names
 * are left alone, as the inbox route leaves them. Instances sharing the inbox may sweep at once: the reason file is
 * made first, and whoever does not get to move the link takes its reason back.
 */
@Component
public class InboxLinks {

    private static final Logger log = LoggerFactory.getLogger(InboxLinks.class);

    private final Path inbox;
    private final InboxFolders folders;
    private final boolean followLinks;

    public InboxLinks(@Value("${caregap.inbox}") Path inbox, InboxFolders folders,
                      @Value("${caregap.intake.follow-links:false}") boolean followLinks) {
        this.inbox = inbox;
        this.folders = folders;
        this.followLinks = followLinks;
    }

    /** Moves every link in the inbox to the failed folder beside its reason; answers how many. */
    public int refuse() throws IOException {
        if (followLinks || !Files.isDirectory(inbox)) {
            return 0;
        }
        int refused = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox, Files::isSymbolicLink)) {
            for (Path link : entries) {
                if (link.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    if (refuse(link)) {
                        refused++;
                    }
                } catch (IOException e) {
                    log.error("The link {} could not be moved to the failed folder, tried again in a second: {}",
                            IntakeText.shown(link.getFileName().toString()), IntakeText.shown(e.toString()));
                }
            }
        }
        return refused;
    }

    private boolean refuse(Path link) throws IOException {
        String name = link.getFileName().toString();
        IngestOutcome outcome = refusal(link, IntakeText.shown(name));
        Path destination = Path.of(folders.failed(name, outcome.errorText()));
        try {
            Files.move(link, destination);  // a link is moved as a link, also to another file system
        } catch (NoSuchFileException gone) {
            Files.deleteIfExists(InboxFolders.reasonFile(destination));  // another instance refused it meanwhile
            return false;
        }
        log.warn(outcome.summary());
        return true;
    }

    /** The refusal of a link: what it points at, and what to do instead. */
    static IngestOutcome refusal(Path link, String shownName) {
        String target;
        try {
            target = IntakeText.shown(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException e) {
            target = "a file that cannot be told";
        }
        return IngestOutcome.refused(shownName, "The file is a symbolic link (to " + target + "), and links in the inbox are"
                        + " not followed: copy the file itself into the inbox.",
                "file " + shownName + ": a link to " + target + "; moved to the failed folder as a link, nothing of what it"
                        + " points at was read (set caregap.intake.follow-links=true to follow links)");
    }
}
