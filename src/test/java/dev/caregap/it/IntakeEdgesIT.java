package dev.caregap.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edges of the intake, on the whole service (H2): writers that pause while they write, a name too long to keep,
 * a symbolic link, the same name failing twice, a name with a line break. The inbox sits more than 1,000 characters
 * deep, beyond the read lock table's key column, and every file of it is still read. The quiet time is 3 s here.
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)  // before @SpringBootTest: deletes the home once Spring closed
@SpringBootTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class IntakeEdgesIT {

    private static final Path home = SampleRunContract.newHome();
    private static final Path inbox = deepInbox();
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Path SAMPLE = SampleRunContract.PROJECT.resolve("sample-input");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SampleRunContract.folders(registry, home);
        registry.add("caregap.inbox", inbox::toString);
        registry.add("caregap.intake.quiet", () -> QUIET.toMillis() + "ms");
    }

    @Autowired
    JdbcTemplate jdbc;

    /**
     * Four writers at once. A plain copy that pauses for 1.5 s at a time (longer than the second the inbox used to wait,
     * shorter than its quiet time) is read whole. One that pauses for 6 s, longer than the quiet time, is read while it
     * pauses, but its last row is cut short: it is refused, nothing of it stored. One that writes under {@code .part}
     * with 5 s pauses and renames the file when complete, and one that adds {@code <name>.done} when complete, are read
     * whole. No partial file is ever ingested.
     */
    @Test
    void aFileBeingWrittenIsNeverIngestedHalfWay() throws Exception {
        assertThat(inbox.toString()).hasSizeGreaterThan(1000);
        CompletableFuture<?>[] writers = {
                CompletableFuture.runAsync(() -> writeInChunks("qualtrics-consumers.csv", inbox.resolve("qualtrics-consumers.csv"),
                        chunks("qualtrics-consumers.csv", 5), Duration.ofMillis(1500))),
                CompletableFuture.runAsync(() -> writeInChunks("surveymonkey-business.csv", inbox.resolve("surveymonkey-business.csv"),
                        chunks("surveymonkey-business.csv", 3), Duration.ofSeconds(6))),
                CompletableFuture.runAsync(() -> {
                    Path partial = inbox.resolve("google-forms-consumers.csv.part");
                    writeInChunks("google-forms-consumers.csv", partial, chunks("google-forms-consumers.csv", 3), Duration.ofSeconds(5));
                    move(partial, inbox.resolve("google-forms-consumers.csv"));
                }),
                CompletableFuture.runAsync(() -> {
                    writeInChunks("tidy-business.csv", inbox.resolve("tidy-business.csv"), chunks("tidy-business.csv", 1), Duration.ZERO);
                    write(inbox.resolve("tidy-business.csv.done"), new byte[0]);
                })};
        CompletableFuture.allOf(writers).get();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> isEmpty(inbox)
                && count("select count(*) from survey_export where status = 'READING'") == 0);

        assertThat(exports("qualtrics-consumers.csv")).containsExactly("INGESTED 604");
        assertThat(exports("google-forms-consumers.csv")).containsExactly("INGESTED 301");
        assertThat(exports("tidy-business.csv")).containsExactly("INGESTED 151");
        assertThat(exports("surveymonkey-business.csv")).as("refused before it was read").isEmpty();
        Path cut = failed("surveymonkey-business.csv");
        assertThat(Files.readString(reason(cut))).startsWith("caregap could not use surveymonkey-business.csv: The file ends in"
                + " the middle of row ").contains(": it may still have been being written.");
        assertThat(cut).as("the writer went on writing into the moved file").hasSameBinaryContentAs(SAMPLE.resolve("surveymonkey-business.csv"));
        assertThat(count("select coalesce(sum(r.respondents), 0) from respondent_block r join survey_export e on e.id = r.export_id"
                + " where e.file_name not in ('qualtrics-consumers.csv', 'google-forms-consumers.csv', 'tidy-business.csv')")).isZero();
    }

    @Test
    void linksLongNamesRepeatedFailuresAndLineBreaksInNames(CapturedOutput output) throws Exception {
        String tooLong = "n".repeat(246) + ".csv";
        drop(tooLong, "respondent_id,C_CARE\nR1,Agree\n");
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere")).resolve("tidy.csv");
        Files.copy(SAMPLE.resolve("tidy-business.csv"), elsewhere);
        Files.createSymbolicLink(inbox.resolve("linked.csv"), elsewhere);
        drop("unknown.csv", "a,b,c\n1,2,3\n");
        String forging = "wave\nExport 99 forged.csv";
        drop(forging, "x,y\n1,2\n");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> isEmpty(inbox)
                && count("select count(*) from survey_export where status = 'READING'") == 0);
        drop("unknown.csv", "a,b,d\n4,5,6\n");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> isEmpty(inbox)
                && failedAll("unknown.csv").size() == 2);
        Thread.sleep(2000);

        // a name of 250 bytes: failed once, under a shortened name, no retries
        List<Path> kept = failedFiles().stream().filter(p -> p.getFileName().toString().matches("\\d{6}(\\.\\d+)?-n+~[0-9a-f]{8}\\.csv"))
                .toList();
        assertThat(kept).hasSize(1);
        assertThat(Files.readString(reason(kept.get(0)))).startsWith("caregap could not use " + tooLong
                + ": The file name is 250 bytes long");
        assertThat(output.getOut()).doesNotContain("File name too long").doesNotContain("Error during commit");
        assertThat(output.getOut().lines().filter(line -> line.contains(tooLong + " refused: "))).hasSize(1);

        // a link: moved as a link, nothing read through it
        Path link = failed("linked.csv");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(reason(link))).contains("The file is a symbolic link (to " + elsewhere + ")");
        assertThat(elsewhere).hasSameBinaryContentAs(SAMPLE.resolve("tidy-business.csv"));
        assertThat(exports("linked.csv")).isEmpty();

        // the same name failing twice: both kept, each beside its reason
        List<Path> unknown = failedAll("unknown.csv");
        assertThat(unknown).extracting(Files::readString).containsExactlyInAnyOrder("a,b,c\n1,2,3\n", "a,b,d\n4,5,6\n");
        assertThat(unknown).allSatisfy(file -> assertThat(Files.readString(reason(file)))
                .startsWith("caregap could not use unknown.csv: The file's layout is not recognised"));
        assertThat(exports("unknown.csv")).containsExactly("REJECTED 0", "REJECTED 0");

        // a line break in a name: escaped wherever the name is shown
        String shown = "wave\\nExport 99 forged.csv";
        assertThat(exports(shown)).containsExactly("REJECTED 0");
        assertThat(Files.readString(reason(failed(forging)))).startsWith("caregap could not use " + shown + ": ");
        assertThat(output.getOut()).contains("Reading export").contains(shown + " rejected: ");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("Export 99 forged"));
    }

    private static Path deepInbox() {
        Path deep = home;
        for (int i = 0; i < 5; i++) {
            deep = deep.resolve("deep-" + "d".repeat(195));
        }
        try {
            return Files.createDirectories(deep.resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample file in {@code count} chunks, each ending in the middle of a data row (a few bytes into the row that
     * follows a line end), as a copy that stops between two network packets would leave it.
     */
    private static List<byte[]> chunks(String sample, int count) {
        byte[] all = read(SAMPLE.resolve(sample));
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < count; i++) {
            int at = all.length * i / count;
            while (all[at - 1] != '\n') {
                at++;
            }
            at += 5;
            chunks.add(java.util.Arrays.copyOfRange(all, from, at));
            from = at;
        }
        chunks.add(java.util.Arrays.copyOfRange(all, from, all.length));
        return chunks;
    }

    /** Writes the chunks into one open file, pausing between them, as a slow copy does. */
    private static void writeInChunks(String what, Path file, List<byte[]> chunks, Duration pause) {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < chunks.size(); i++) {
                if (i > 0) {
                    Thread.sleep(pause.toMillis());
                }
                out.write(chunks.get(i));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void drop(String name, String content) throws IOException {
        Path partial = inbox.resolve("drop.part");
        Files.writeString(partial, content);
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    /** Every export registered under the name: its status and rows read, oldest first. */
    private List<String> exports(String fileName) {
        return jdbc.queryForList("select status || ' ' || rows_read from survey_export where file_name = ? order by id",
                String.class, fileName);
    }

    private static List<Path> failedFiles() throws IOException {
        Path failed = home.resolve("failed");
        if (!Files.isDirectory(failed)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(failed)) {
            return walk.filter(p -> !Files.isDirectory(p)).sorted().toList();
        }
    }

    /** Every file in failed/ that arrived as {@code name}: failed/&lt;date&gt;/HHmmss-&lt;name&gt;. */
    private static List<Path> failedAll(String name) throws IOException {
        return failedFiles().stream().filter(p -> p.getFileName().toString().matches("(?s)\\d{6}(\\.\\d+)?-.*")
                && p.getFileName().toString().substring(p.getFileName().toString().indexOf('-') + 1).equals(name)).toList();
    }

    private static Path failed(String name) throws IOException {
        List<Path> found = failedAll(name);
        assertThat(found).as("failed " + name).hasSize(1);
        return found.get(0);
    }

    private static Path reason(Path failedFile) {
        return failedFile.resolveSibling(failedFile.getFileName() + ".error.txt");
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
