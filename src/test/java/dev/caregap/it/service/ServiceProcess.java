package dev.caregap.it.service;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged service (caregap.jar) run as a JVM of its own, for tests that kill it (SIGKILL is a crash) or run
 * several instances on one database. Its output goes to a file, {@code <home>/logs/<instance>-<n>.log} (n counts
 * the starts of that instance in that home), which is read back line by line; no pipe is held that could fill up.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration KILL_POLL = Duration.ofMillis(1);
    private static final int TAIL_LINES = 60;

    private final String instance;
    private final Path logFile;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder pendingLine = new StringBuilder();
    private final byte[] buffer = new byte[64 * 1024];
    private long readOffset;
    private final java.io.ByteArrayOutputStream pendingBytes = new java.io.ByteArrayOutputStream();

    private ServiceProcess(String instance, Path logFile, Process process) {
        this.instance = instance;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * JVM options besides {@code -Xmx512m}: by default {@code -XX:TieredStopAtLevel=1} (the quick compiler only),
     * which halves the CPU a start and a test-sized drop take, as a test's short-lived service never runs long
     * enough for the optimising compiler to pay off (2 cores are shared by every JVM of a build). It changes
     * nothing the service does. {@code -Dcaregap.service.jvm-options=} (empty) runs plain {@code java -Xmx512m}.
     */
    public static final String JVM_OPTIONS_PROPERTY = "caregap.service.jvm-options";
    private static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    /**
     * Forks {@code java -Xmx512m [jvm options] -jar <caregap.jar> --caregap.home=<home>
     * --caregap.studies=<project>/studies --caregap.routes=<project>/routes --caregap.instance=<instance>
     * <extraArgs...>} in {@code home} (with {@code --caregap.mail.embedded=false} unless an extra argument sets a
     * {@code caregap.mail.} property, and without the management port's web server unless one sets
     * {@code --management.server.port}), its output to {@code home/logs/<instance>-<n>.log}; returns at once.
     */
    public static ServiceProcess start(Path home, String instance, List<String> extraArgs) {
        return start(home, instance, List.of(), extraArgs);
    }

    /** As {@link #start(Path, String, List)}, with {@code jvmOptions} (e.g. {@code -Dname=value}) before {@code -jar}. */
    public static ServiceProcess start(Path home, String instance, List<String> jvmOptions, List<String> extraArgs) {
        Path project = Path.of("").toAbsolutePath();
        Path jar = jar(project);
        try {
            Path absoluteHome = Files.createDirectories(home.toAbsolutePath());
            Path logs = Files.createDirectories(absoluteHome.resolve("logs"));
            Path logFile = logs.resolve(instance + "-" + nextStart(logs, instance) + ".log");
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
            for (String option : System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    command.add(option);
                }
            }
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(),
                    "--caregap.home=" + absoluteHome,
                    "--caregap.studies=" + project.resolve("studies"),
                    "--caregap.routes=" + project.resolve("routes"),
                    "--caregap.instance=" + instance));
            if (extraArgs.stream().noneMatch(arg -> arg.startsWith("--caregap.mail."))) {
                // several instances of a test share the machine: the embedded mail server only where a test asks
                command.add("--caregap.mail.embedded=false");
            }
            if (extraArgs.stream().noneMatch(arg -> arg.startsWith("--management.server.port="))) {
                // no management port (health, metrics, hawtio) unless a test names one: it costs seconds a start
                command.add("--spring.main.web-application-type=none");
            }
            command.addAll(extraArgs);
            Files.writeString(logFile, "");
            Process process = new ProcessBuilder(command)
                    .directory(absoluteHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            return new ServiceProcess(instance, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start caregap instance " + instance + " in " + home, e);
        }
    }

    /** Waits for the "caregap &lt;instance&gt; ready" line; fails at once, with the log's tail, if the process exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        awaitLog("caregap " + Pattern.quote(instance) + " ready", timeout);
        return this;
    }

    /**
     * The first line of this start's log that matches {@code regex} (found anywhere in the line), waiting for it;
     * fails with the log's tail when the time runs out or the process exits without writing it.
     */
    public Matcher awaitLog(String regex, Duration timeout) {
        return awaitLog(regex, timeout, POLL);
    }

    /**
     * Kills the process (SIGKILL) the moment a line matching {@code regex} is logged, and returns that line's match.
     * The log is looked at every millisecond and the kill follows the match at once, so it lands within a few
     * milliseconds of the line: some moments worth a crash (a run computed from stored tallies) last only tens of them.
     */
    public Matcher killOnLog(String regex, Duration timeout) {
        Matcher matcher = awaitLog(regex, timeout, KILL_POLL);
        kill();
        return matcher;
    }

    private Matcher awaitLog(String regex, Duration timeout, Duration poll) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] checked = {0};
        while (true) {
            boolean exited = !process.isAlive();  // before reading, so a line written just before exit is seen
            Matcher found = firstMatch(pattern, checked);
            if (found != null) {
                return found;
            }
            if (exited) {
                throw new AssertionError("caregap " + instance + " exited (code " + process.exitValue()
                        + ") without logging a line matching /" + regex + "/\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("caregap " + instance + " logged no line matching /" + regex + "/ within "
                        + timeout.toMillis() + " ms\n" + tail());
            }
            sleep(poll);
        }
    }

    /**
     * The first line from {@code checked[0]} on that matches, or null; reads what the file gained first, and moves
     * {@code checked[0]} past the lines looked at.
     */
    private synchronized Matcher firstMatch(Pattern pattern, int[] checked) {
        readNewLines();
        for (int i = checked[0]; i < lines.size(); i++) {
            Matcher matcher = pattern.matcher(lines.get(i));
            if (matcher.find()) {
                return matcher;
            }
        }
        checked[0] = lines.size();
        return null;
    }

    /** How many lines of this start's log match {@code regex} so far. */
    public long countLog(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return logLines().stream().filter(line -> pattern.matcher(line).find()).count();
    }

    /** The complete lines this start has logged so far. */
    public synchronized List<String> logLines() {
        readNewLines();
        return List.copyOf(lines);
    }

    /**
     * The last lines of the log, for failure messages; a line repeated (apart from its time) is shown once with
     * how many times it came.
     */
    public synchronized String tail() {
        List<String> all = logLines();
        List<String> tail = new ArrayList<>();
        int shown = 0;
        for (int i = all.size() - 1; i >= 0 && shown < TAIL_LINES; shown++) {
            String line = all.get(i);
            if (line.startsWith("\tat ") || line.startsWith("\t... ")) {  // stack frames: the exception lines say enough
                i--;
                shown--;
                continue;
            }
            int repeats = 1;
            while (i - repeats >= 0 && withoutTime(all.get(i - repeats)).equals(withoutTime(line))) {
                repeats++;
            }
            tail.add(0, repeats == 1 ? line : line + "   [this line " + repeats + " times]");
            i -= repeats;
        }
        return "---- the end of " + logFile + " (" + all.size() + " lines) ----\n"
                + String.join("\n", tail) + (pendingLine.isEmpty() ? "" : "\n" + pendingLine)
                + "\n---- end of " + logFile.getFileName() + " ----";
    }

    private static String withoutTime(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(space);
    }

    /** SIGKILL (a crash), and waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM (a graceful stop), waiting up to 30 s; then SIGKILL. */
    public void stop() {
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(30))) {
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String instance() {
        return instance;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Stops every instance, going on past one that fails to stop (said on the output, after {@code test}'s name). */
    public static void closeAll(Collection<ServiceProcess> instances, String test) {
        for (ServiceProcess instance : instances) {
            try {
                instance.close();
            } catch (RuntimeException e) {
                System.out.println(test + ": could not stop instance " + instance.instance() + ": " + e);
            }
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for caregap " + instance + " to exit", e);
        }
    }

    /** Appends what the file gained since the last read; a line counts once its line break is written. */
    private void readNewLines() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            if (file.length() < readOffset) {  // the file was replaced: should not happen, start again
                readOffset = 0;
                lines.clear();
                pendingBytes.reset();
            }
            file.seek(readOffset);
            int read;
            while ((read = file.read(buffer)) > 0) {
                readOffset += read;
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        String line = pendingBytes.toString(StandardCharsets.UTF_8);
                        lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                        pendingBytes.reset();
                    } else {
                        pendingBytes.write(b);
                    }
                }
            }
            pendingLine.setLength(0);
            pendingLine.append(pendingBytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the log of caregap " + instance + ": " + logFile, e);
        }
    }

    private static int nextStart(Path logs, String instance) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(instance) + "-(\\d+)\\.log");
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElse(0) + 1;
        }
    }

    private static Path jar(Path project) {
        String configured = System.getProperty("caregap.jar");
        Path jar = configured != null && !configured.isBlank() ? Path.of(configured) : project.resolve("target/caregap.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged service " + jar.toAbsolutePath() + " is missing"
                    + (configured == null ? " (no system property caregap.jar was given)" : " (system property caregap.jar)")
                    + ": build it first with ./mvnw package (./mvnw verify packages it before the integration tests).");
        }
        return jar.toAbsolutePath();
    }

    /** The java of the test JVM itself. */
    private static String java() {
        Path home = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
