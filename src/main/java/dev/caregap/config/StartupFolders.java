package dev.caregap.config;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertyResolver;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checks the folders caregap needs before anything else starts (no database connection, no Camel), so a
 * wrong folder fails the start in a second with one sentence naming the property and the path:
 * <ul>
 *   <li>the folders it reads, {@code caregap.studies} and {@code caregap.routes}, must exist and be readable
 *       folders;</li>
 *   <li>the folders it writes, {@code caregap.inbox}, {@code archive}, {@code failed} and {@code results}, are
 *       created when missing and must be writable folders. (Left to the routes, an inbox that cannot be created
 *       is only a warning, and the service would run without ever reading a file.)</li>
 * </ul>
 * Runs once the environment is complete (command line, environment variables, test properties) and before
 * the context is refreshed; registered in META-INF/spring.factories. A property that is not set is not
 * checked.
 */
public class StartupFolders implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    /** @param holds what a folder caregap reads holds, for the action: "the study definitions (*.yaml)" */
    private record Folder(String name, String property, String holds) {

        String defaultName() {
            return property.substring(property.indexOf('.') + 1);
        }
    }

    private static final List<Folder> READ = List.of(
            new Folder("studies folder", "caregap.studies", "the study definitions (*.yaml)"),
            new Folder("routes folder", "caregap.routes", "the Camel routes (*.yaml)"));

    private static final List<Folder> WRITE = List.of(
            new Folder("inbox folder", "caregap.inbox", null),
            new Folder("archive folder", "caregap.archive", null),
            new Folder("failed folder", "caregap.failed", null),
            new Folder("results folder", "caregap.results", null));

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Checks every folder the properties name; throws {@link StartupFolderException} at the first that is unusable. */
    public static void check(PropertyResolver properties) {
        for (Folder folder : READ) {
            Path path = path(properties, folder);
            if (path != null) {
                checkReadable(folder, path);
            }
        }
        for (Folder folder : WRITE) {
            Path path = path(properties, folder);
            if (path != null) {
                createWritable(folder, path);
            }
        }
    }

    private static Path path(PropertyResolver properties, Folder folder) {
        String value = properties.getProperty(folder.property());
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new StartupFolderException("The " + folder.name() + " is not set: " + folder.property() + " is empty.",
                    "Set " + folder.property() + " to a folder, or leave it out to use the default under caregap.home.");
        }
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StartupFolderException("The " + folder.name() + " '" + value + "' (" + folder.property()
                    + ") is not a valid path: " + e.getReason() + ".", "Correct " + folder.property() + ".", e);
        }
    }

    private static void checkReadable(Folder folder, Path path) {
        String which = which(folder, path);
        String pointAt = "point " + folder.property() + " at the folder that holds " + folder.holds() + " with --"
                + folder.property() + "=<folder>, or set caregap.home to the folder that contains " + folder.defaultName() + "/.";
        if (!Files.exists(path)) {
            throw new StartupFolderException(which + " does not exist.", "Create it, or " + pointAt);
        }
        if (!Files.isDirectory(path)) {
            throw new StartupFolderException(which + " is a file, not a folder.", "Remove or rename that file, or " + pointAt);
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            throw new StartupFolderException(which + " cannot be read by this user.",
                    "Let the user that runs caregap read it, or " + pointAt);
        }
    }

    private static void createWritable(Folder folder, Path path) {
        String which = which(folder, path);
        String action = "Move what is in the way or let the user that runs caregap create it, or point " + folder.property()
                + " at another folder with --" + folder.property() + "=<folder>.";
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new StartupFolderException(which + " is a file, not a folder.", action);
        }
        try {
            Files.createDirectories(path);
        } catch (IOException | SecurityException e) {
            throw new StartupFolderException(which + " cannot be created: " + reason(path, e) + ".", action, e);
        }
        if (!Files.isWritable(path) || !Files.isExecutable(path)) {
            throw new StartupFolderException(which + " cannot be written by this user.", action);
        }
    }

    /** Why a folder could not be created: most often a file where a folder should be, or permissions. */
    private static String reason(Path path, Exception e) {
        for (Path above = path.getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    return above + " is a file, not a folder";
                }
                break;
            }
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + fs.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String which(Folder folder, Path path) {
        return "The " + folder.name() + " " + path + " (" + folder.property() + ")";
    }
}
