package dev.caregap.routes;

import dev.caregap.ingest.InboxChecks;
import dev.caregap.ingest.InboxCompletion;
import dev.caregap.ingest.InboxFilter;
import dev.caregap.ingest.InboxFolders;
import dev.caregap.ingest.InboxLinks;
import dev.caregap.ingest.InboxLockKey;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The intake route's own beans, bound as the service binds them, for route tests with a home of their own. */
final class IntakeBeans {

    private IntakeBeans() {
    }

    static void bind(CamelContext camel, Path home, Duration quiet) {
        bind(camel, home.resolve("inbox"), home, quiet);
    }

    static void bind(CamelContext camel, Path inbox, Path home, Duration quiet) {
        InboxFolders folders = new InboxFolders(home.resolve("archive"), home.resolve("failed"));
        camel.getRegistry().bind("inboxFilter", new InboxFilter(quiet, false));
        camel.getRegistry().bind("inboxChecks", new InboxChecks(false));
        camel.getRegistry().bind("inboxCompletion", new InboxCompletion());
        camel.getRegistry().bind("inboxFolders", folders);
        camel.getRegistry().bind("inboxLockKey", new InboxLockKey());
        camel.getRegistry().bind("inboxLinks", new InboxLinks(inbox, folders, false));
    }

    /** The one file in failed/ (any date) that arrived as {@code name}: failed/&lt;date&gt;/HHmmss-&lt;name&gt;. */
    static Path failed(Path home, String name) {
        List<Path> found = failedAll(home, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one failed " + name + ", found " + found);
        }
        return found.get(0);
    }

    /** Every file in failed/ that arrived as {@code name}, oldest name first. */
    static List<Path> failedAll(Path home, String name) {
        Path failed = home.resolve("failed");
        if (!Files.isDirectory(failed)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(failed)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .filter(p -> p.getFileName().toString().matches("(?s)\\d{6}(\\.\\d+)?-.*")
                            && p.getFileName().toString().substring(p.getFileName().toString().indexOf('-') + 1).equals(name))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reason beside a failed file. */
    static Path reason(Path failedFile) {
        return failedFile.resolveSibling(failedFile.getFileName() + ".error.txt");
    }
}
