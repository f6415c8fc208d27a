package dev.caregap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's main class in a separate JVM with a heap too small to hold what the work goes through, so a
 * test can show that the work streams instead of keeping everything. The child gets the test's own class
 * path (under surefire a jar whose manifest lists it, which {@code -cp} honours). A child that runs out of
 * memory exits at once ({@code ExitOnOutOfMemoryError}) with a non-zero code.
 */
public final class SmallHeap {

    private static final long TIMEOUT_MINUTES = 3;

    /** What the child did: its exit code and everything it printed (output and errors together). */
    public record Run(int exitCode, String output) {

        public boolean ranOutOfMemory() {
            return exitCode != 0 && output.contains("OutOfMemoryError");
        }
    }

    private SmallHeap() {
    }

    public static Run run(int heapMegabytes, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMegabytes + "m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            child.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = child.getInputStream()) {
                    in.transferTo(output);
                } catch (IOException ignored) {
                    // the child was stopped; what was read is kept
                }
            });
            reader.start();
            if (!child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                child.destroyForcibly().waitFor();
                reader.join();
                throw new IllegalStateException(main.getName() + " did not end within " + TIMEOUT_MINUTES
                        + " minutes; it printed:\n" + output.toString(StandardCharsets.UTF_8));
            }
            reader.join();
            return new Run(child.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
