package dev.caregap.ingest;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which files of the inbox may be taken now (the inbox route's {@code filter}), so that a file still being written
 * is not read half-way:
 * <ul>
 *   <li>a file with {@code <name>.done} beside it, made after the file's last change, is taken at once: its writer
 *       says it is complete;</li>
 *   <li>any other file once this instance has seen its size and modification time hold still for
 *       {@code caregap.intake.quiet} (10 s by default), over at least two looks. The time is measured by this
 *       instance's clock, not read from the file, so a file server whose clock is off changes nothing;</li>
 *   <li>a symbolic link never, unless {@code caregap.intake.follow-links}: the intake-links route refuses it.</li>
 * </ul>
 * Files written under a temporary name and renamed when complete ({@code *.part} ...) are never seen half-way, however
 * long their writer pauses; the route's {@code exclude} leaves the temporary names alone.
 */
@Component
public class InboxFilter implements GenericFileFilter<File> {

    /** What a writer adds to a file's name for the marker that says the file is complete. */
    public static final String DONE_SUFFIX = ".done";
    private static final long FORGET_AFTER_NANOS = Duration.ofMinutes(1).toNanos();

    private final long quietNanos;
    private final boolean followLinks;
    private final Map<String, Sighting> seen = new ConcurrentHashMap<>();
    private volatile long lastPruned = System.nanoTime();

    /** How a file looked, since when it has looked so, and when it was last looked at. */
    private record Sighting(long size, long modified, long since, long lastSeen, int looks) {
        Sighting lookedAgain(long now) {
            return new Sighting(size, modified, since, now, looks + 1);
        }
    }

    public InboxFilter(@Value("${caregap.intake.quiet:10s}") Duration quiet,
                       @Value("${caregap.intake.follow-links:false}") boolean followLinks) {
        this.quietNanos = quiet.toNanos();
        this.followLinks = followLinks;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return true;
        }
        Path path = file.getFile().toPath();
        if (Files.isSymbolicLink(path) && !followLinks) {
            return false;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException gone) {
            return false;
        }
        long now = System.nanoTime();
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String key = path.toAbsolutePath().toString();
        Sighting sighting = seen.compute(key, (k, before) -> before == null || before.size() != size
                || before.modified() != modified ? new Sighting(size, modified, now, now, 1) : before.lookedAgain(now));
        prune(now);
        if (markedDone(path, modified)) {
            return true;
        }
        return sighting.looks() >= 2 && now - sighting.since() >= quietNanos;
    }

    /** Whether {@code <name>.done} stands beside the file, made no earlier than the file's last change. */
    private static boolean markedDone(Path file, long modified) {
        Path marker = file.resolveSibling(file.getFileName() + DONE_SUFFIX);
        try {
            BasicFileAttributes attributes = Files.readAttributes(marker, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.lastModifiedTime().toMillis() >= modified;
        } catch (IOException none) {
            return false;
        }
    }

    /**
     * The file has left the inbox (or is about to): its marker, if any, goes too, so that a later file of the same
     * name is not taken for complete by it; and it is forgotten.
     */
    public void doneWith(String absolutePath) throws IOException {
        Path file = Path.of(absolutePath);
        seen.remove(file.toAbsolutePath().toString());
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + DONE_SUFFIX));
    }

    /** Forgets files not seen for a minute (gone from the inbox), at most every few seconds. */
    private void prune(long now) {
        if (now - lastPruned < FORGET_AFTER_NANOS / 10) {
            return;
        }
        lastPruned = now;
        seen.values().removeIf(sighting -> now - sighting.lastSeen() > FORGET_AFTER_NANOS);
    }
}
