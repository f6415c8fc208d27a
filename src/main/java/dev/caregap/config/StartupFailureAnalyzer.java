package dev.caregap.config;

import dev.caregap.config.stakeholders.StakeholdersException;
import dev.caregap.study.StudyDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the start-up failures an operator causes and can fix into one sentence that names the cause, and one
 * that says what to do. Spring Boot prints them under "APPLICATION FAILED TO START" and logs the stack trace
 * at DEBUG only (run with {@code --debug} to see it). Registered in META-INF/spring.factories, ahead of every
 * other analyzer; failures it does not know go to {@link StartupFallbackFailureAnalyzer}.
 * <p>
 * Known, wherever they sit in the cause chain: a folder {@link StartupFolders} rejected; a wrong entry of the
 * stakeholders file; a wrong study definition; the H2 database file held by another instance; a database that
 * cannot be reached or refuses the login; a file or folder that is missing or may not be used.
 */
public class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {

    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1: "Database may be already in use: "{path}". Possible solutions: ..." */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final Pattern H2_IN_USE_FILE = Pattern.compile("already in use: \"([^\"]+)\"");

    private final Environment environment;

    /** @param environment the application's settings; null when start-up failed before there was a context */
    public StartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        List<Throwable> chain = causes(failure);
        for (Throwable cause : chain) {
            if (cause instanceof StartupFolderException folder) {
                return new FailureAnalysis(folder.getMessage(), folder.action(), failure);
            }
            if (cause instanceof StakeholdersException stakeholders) {
                return new FailureAnalysis(stakeholders.getMessage(), stakeholders.action(), failure);
            }
        }
        for (Throwable cause : chain) {  // the outermost names the file, the inner ones only the fault
            if (cause instanceof StudyDefinitionException study) {
                return new FailureAnalysis(sentence(study.getMessage()), "Correct the study definition in "
                        + property("caregap.studies", "the studies folder") + " (caregap.studies) and start caregap again.", failure);
            }
        }
        FailureAnalysis database = database(chain, failure);
        if (database != null) {
            return database;
        }
        return files(chain, failure);
    }

    private FailureAnalysis database(List<Throwable> chain, Throwable failure) {
        for (Throwable cause : chain) {
            if (isH2InUse(cause)) {
                Matcher file = H2_IN_USE_FILE.matcher(String.valueOf(cause.getMessage()));
                String where = file.find() ? file.group(1) : databaseUrl();
                return new FailureAnalysis("The database file " + where + " is already in use by another caregap instance.",
                        "Stop the other instance first; to run several instances at once, point spring.datasource.url at "
                                + "one PostgreSQL database they share.", failure);
            }
        }
        SQLException sql = first(chain, SQLException.class);
        if (sql == null) {
            return null;
        }
        String url = databaseUrl();
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("28")) {  // invalid authorization: wrong user name or password
            String user = environment == null ? null : environment.getProperty("spring.datasource.username");
            return new FailureAnalysis("The database " + url + " refused the login" + (user == null ? "" : " of user '" + user + "'")
                    + ": " + firstLine(sql.getMessage()),
                    "Correct spring.datasource.username and spring.datasource.password.", failure);
        }
        if (state.startsWith("3D")) {  // invalid catalog name: the server has no such database
            return new FailureAnalysis("The database " + url + " does not exist on its server: " + firstLine(sql.getMessage()),
                    "Create that database, or correct the database name in spring.datasource.url.", failure);
        }
        UnknownHostException unknownHost = first(chain, UnknownHostException.class);
        if (unknownHost != null) {
            return new FailureAnalysis("The database " + url + " cannot be reached: its host " + unknownHost.getMessage() + " is unknown.",
                    "Correct the host in spring.datasource.url.", failure);
        }
        if (first(chain, ConnectException.class) != null) {
            return new FailureAnalysis("The database " + url + " cannot be reached: the connection was refused.",
                    "Start the database server, or correct the host and port in spring.datasource.url.", failure);
        }
        if (first(chain, NoRouteToHostException.class) != null || first(chain, SocketTimeoutException.class) != null
                || state.startsWith("08")) {  // connection exception
            return new FailureAnalysis("The database " + url + " cannot be reached: " + firstLine(sql.getMessage()),
                    "Check that the database server runs and can be reached from here, or correct spring.datasource.url.", failure);
        }
        return null;
    }

    private static boolean isH2InUse(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN
                && String.valueOf(H2_DATABASE_ALREADY_OPEN).equals(sql.getSQLState())) {
            return true;
        }
        return cause.getMessage() != null && cause.getMessage().contains("Database may be already in use");
    }

    private FailureAnalysis files(List<Throwable> chain, Throwable failure) {
        NoSuchFileException missing = first(chain, NoSuchFileException.class);
        if (missing != null && missing.getFile() != null) {
            for (String property : List.of("caregap.routes", "caregap.studies")) {
                String folder = environment == null ? null : environment.getProperty(property);
                if (folder != null && samePath(folder, missing.getFile())) {
                    String name = property.substring("caregap.".length());
                    return new FailureAnalysis("The " + name + " folder " + missing.getFile() + " (" + property + ") does not exist.",
                            "Create it, or point " + property + " at the " + name + " folder (--" + property + "=<folder>).", failure);
                }
            }
            return new FailureAnalysis("The file or folder " + missing.getFile() + " does not exist.",
                    "Create it, or correct the setting that names it.", failure);
        }
        AccessDeniedException denied = first(chain, AccessDeniedException.class);
        if (denied != null && denied.getFile() != null) {
            return new FailureAnalysis("caregap may not use " + denied.getFile() + ": permission denied.",
                    "Let the user that runs caregap read and write it, or point the setting that names it elsewhere.", failure);
        }
        return null;
    }

    private static boolean samePath(String a, String b) {
        try {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String property(String name, String otherwise) {
        String value = environment == null ? null : environment.getProperty(name);
        return value == null ? otherwise : value;
    }

    /** spring.datasource.url with any password masked, for messages. */
    String databaseUrl() {
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        return url == null ? "(spring.datasource.url)" : withoutPassword(url);
    }

    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***")       // ?password=... or ;PASSWORD=...
                .replaceAll("(//[^/?#@:]*:)[^/?#@]*@", "$1***@");     // //user:password@host
    }

    /** The failure and its causes, outermost first. */
    static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    static <T extends Throwable> T first(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first line of a message (drivers and Flyway append SQL state tables), ending as a sentence. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given.";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return sentence(line);
    }

    static String sentence(String text) {
        String s = text.strip();
        return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
    }
}
