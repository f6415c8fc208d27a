package dev.caregap.read;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads one export in a JVM of its own with a small heap, so that a test proves a limit stops a hostile file
 * before its memory is spent (in the test's own JVM, a large heap would hide it). The child prints one line:
 * {@code REJECTED <message> | <details>}, {@code READ <rows>} or {@code OUT OF MEMORY}, then how long it took.
 */
final class ReadInSmallHeap {

    record Outcome(String line, long millis) {
    }

    private ReadInSmallHeap() {
    }

    static Outcome run(Path file, String maxHeap) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                ReadInSmallHeap.class.getName(), file.toString())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("reading " + file + " in a small heap took more than two minutes");
        }
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("REJECTED") || l.startsWith("READ") || l.startsWith("OUT OF MEMORY") || l.startsWith("TOOK"))
                .toList();
        if (lines.size() != 2) {
            throw new AssertionError("unexpected output of the reading JVM (exit " + process.exitValue() + "): " + lines);
        }
        return new Outcome(lines.get(0), Long.parseLong(lines.get(1).substring("TOOK ".length())));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String line;
        try (Export export = TestExports.READER.open(Path.of(args[0]))) {
            long rows = 0;
            while (export.hasNext()) {
                export.next();
                rows++;
            }
            line = "READ " + rows;
        } catch (ExportRejectedException e) {
            line = "REJECTED " + e.getMessage() + " | " + e.details();
        } catch (OutOfMemoryError e) {
            line = "OUT OF MEMORY";
        }
        System.out.println(line);
        System.out.println("TOOK " + (System.nanoTime() - start) / 1_000_000);
    }
}
