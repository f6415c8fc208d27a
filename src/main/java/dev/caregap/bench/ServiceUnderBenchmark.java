package dev.caregap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a JVM of its own ({@code java -Xmx512m @config/jvm.options -jar caregap.jar}), its output to
 * {@code <home>/service.log}, for timing a drop through the real service: from the file appearing in its inbox
 * to {@code latest/figures.csv}.
 */
final class ServiceUnderBenchmark implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServiceUnderBenchmark(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The service's JVM options as the README runs it: the heap the goals are set for, and the options file the
     * service runs with (the collector, the JIT's inlining: see the README's "The JVM").
     */
    static final String JVM = "-Xmx512m @config/jvm.options";

    /**
     * The JVM options with each options file ({@code @file}, relative to the benchmark's folder) named by its whole
     * path, since the service runs in a folder of its own; a file that is not there stops the benchmark, naming it.
     */
    static List<String> jvmOptions(List<String> words) {
        List<String> options = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("@")) {
                Path file = Path.of(word.substring(1)).toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("The JVM options file " + file + " is not there: run the benchmark "
                            + "from the project's folder, or give caregap.benchmark.service-jvm");
                }
                word = "@" + file;
            }
            options.add(word);
        }
        return options;
    }

    /** Starts {@code java <jvm...> -jar <jar> --caregap.home=<home> <args...>} in {@code home}; returns at once. */
    static ServiceUnderBenchmark start(Path jar, Path home, List<String> jvm, List<String> args) {
        try {
            Files.createDirectories(home);
            Path log = home.resolve("service.log");
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--caregap.home=" + home.toAbsolutePath()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.DISCARD.file()).start();
            return new ServiceUnderBenchmark(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the service " + jar, e);
        }
    }

    /** Waits until the service logs {@code text}; fails with the log when it exits first or time runs out. */
    void awaitLog(String text, Duration timeout) {
        awaitFile(null, text, timeout);
    }

    /** Waits until {@code file} exists (polling every 10 ms); fails with the log when the service exits first. */
    void awaitFile(Path file, Duration timeout) {
        awaitFile(file, null, timeout);
    }

    private void awaitFile(Path file, String logText, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (file != null ? !Files.exists(file) : !logHolds(logText)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the service " + (process.isAlive() ? "took longer than " + timeout : "exited")
                        + " waiting for " + (file != null ? file : "'" + logText + "'") + "; its log: " + log);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private boolean logHolds(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The log lines that mark the pipeline's steps. */
    private static final java.util.regex.Pattern STEP = java.util.regex.Pattern.compile(
            "Reading export|: Export \\d+ .*respondents read|read: settling its duplicates|its identities are written|computing over|computed:|writing result files| written in |delivered:");

    /**
     * Where the time went: each pipeline step the service logged at or after {@code from}, with the seconds since
     * then (the log's timestamps come first on each line).
     */
    void printTimeline(java.time.Instant from) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            lines.filter(line -> STEP.matcher(line).find()).forEach(line -> {
                try {
                    java.time.Instant at = java.time.Instant.parse(line.substring(0, line.indexOf(' ')));
                    if (!at.isBefore(from)) {
                        System.out.printf(java.util.Locale.ROOT, "  %+8.2f s  %s%n", Duration.between(from, at).toMillis() / 1000.0,
                                line.substring(line.lastIndexOf(" : ") + 3));
                    }
                } catch (RuntimeException e) {
                    // a line of another shape: not a step
                }
            });
        } catch (IOException e) {
            System.out.println("  (the service's log could not be read: " + e.getMessage() + ")");
        }
    }

    /** A graceful stop (SIGTERM), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String java() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
