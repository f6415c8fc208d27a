package dev.caregap.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files that are no usable export end in failed/&lt;date&gt;/HHmmss-&lt;file&gt; beside a reason, nothing of them is
 * stored, and the service goes on: a header-only export, a good one and a repeat dropped after them are handled as usual.
 */
@SpringBootTest
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailedExportsIT {

    private static final Path home = SampleRunContract.newHome();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SampleRunContract.folders(registry, home);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void badFilesFailWithAReasonAndTheServiceGoesOn() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        List<String> qualtrics = Files.readAllLines(SampleRunContract.PROJECT.resolve("sample-input/qualtrics-consumers.csv"));
        drop(inbox, "empty.csv", new byte[0]);
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        drop(inbox, "photo.jpg", binary);
        drop(inbox, "notes.txt", "Remember to send the survey on Monday.\nThanks!\n".getBytes(StandardCharsets.UTF_8));
        drop(inbox, "unknown.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
        drop(inbox, "truncated.csv", (String.join("\n", qualtrics.subList(0, 3)) + "\n" + qualtrics.get(3).substring(0, 40)
                + ",\"an answer cut off in the middle").getBytes(StandardCharsets.UTF_8));
        drop(inbox, "header-only.csv", (String.join("\n", qualtrics.subList(0, 3)) + "\n").getBytes(StandardCharsets.UTF_8));
        drop(inbox, "tidy-business.csv", Files.readAllBytes(SampleRunContract.PROJECT.resolve("sample-input/tidy-business.csv")));
        awaitExports(7);

        drop(inbox, "tidy-business-again.csv", Files.readAllBytes(SampleRunContract.PROJECT.resolve("sample-input/tidy-business.csv")));
        awaitExports(8);

        Path failed = home.resolve("failed");
        assertThat(reason(failed, "empty.csv")).contains("The file is empty.");
        assertThat(reason(failed, "photo.jpg")).contains("binary");
        assertThat(reason(failed, "notes.txt")).contains("layout is not recognised");
        assertThat(reason(failed, "unknown.csv")).contains("layout is not recognised").contains("row 1");
        assertThat(reason(failed, "truncated.csv")).contains("ends inside a quoted field").contains("row 4");
        assertThat(failedFiles(failed, "header-only.csv")).isEmpty();

        assertThat(status("header-only.csv")).isEqualTo("INGESTED");
        assertThat(jdbc.queryForObject("select rows_read from survey_export where file_name = 'header-only.csv'", Long.class)).isZero();
        assertThat(status("tidy-business.csv")).isEqualTo("INGESTED");
        assertThat(status("tidy-business-again.csv")).isEqualTo("REPEAT");
        assertThat(jdbc.queryForObject("""
                select coalesce(sum(r.respondents), 0) from respondent_block r join survey_export e on e.id = r.export_id
                where e.file_name <> 'tidy-business.csv'""", Long.class)).as("nothing stored of any other file").isZero();
        assertThat(archived()).hasSize(3).anyMatch(name -> name.endsWith("-tidy-business-again.csv"));
    }

    @Test
    @Order(2)
    void filesThatAreNoExportSayWhatTheyAreAndNoFigureChanges() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        byte[] tidy = Files.readAllBytes(SampleRunContract.PROJECT.resolve("sample-input/tidy-business.csv"));
        drop(inbox, "wave.csv", tidy);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("select count(*) from survey_export where file_name = 'wave.csv' and status <> 'READING'") == 1
                        && isEmpty(inbox)
                        && count("select count(*) from study_run where status = 'DELIVERED'") >= 1
                        && count("select count(*) from study_run where status <> 'DELIVERED'") == 0);
        long exports = count("select count(*) from survey_export");
        long runs = count("select count(*) from study_run");
        byte[] figures = Files.readAllBytes(home.resolve("results/care-gap/latest/figures.csv"));

        String text = new String(tidy, StandardCharsets.UTF_8);
        drop(inbox, "export.zip", zipHolding("responses.csv", tidy));
        drop(inbox, "utf32.csv", withBom(text, "UTF-32BE", new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}));
        drop(inbox, "utf16-no-bom.csv", text.getBytes(StandardCharsets.UTF_16LE));
        String header = text.substring(0, text.indexOf('\n') + 1);
        drop(inbox, "joined.csv", (text + header + text.substring(header.length())).getBytes(StandardCharsets.UTF_8));
        awaitExports(exports + 4);

        Path failed = home.resolve("failed");
        assertThat(reason(failed, "export.zip")).contains("zip archive that holds no workbook").contains("Unzip it");
        assertThat(reason(failed, "utf32.csv")).contains("UTF-32");
        assertThat(reason(failed, "utf16-no-bom.csv")).contains("UTF-16 text without a byte order mark");
        assertThat(reason(failed, "joined.csv")).contains("names the questions instead of answering them");
        Thread.sleep(1_500);  // a run would be due by now (quiet 2 s from the last export, polled every second)
        assertThat(count("select count(*) from study_run")).as("no run asked for").isEqualTo(runs);
        assertThat(Files.readAllBytes(home.resolve("results/care-gap/latest/figures.csv"))).as("figures unchanged").isEqualTo(figures);
    }

    private static byte[] zipHolding(String entry, byte[] content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] withBom(String text, String charset, byte[] bom) {
        byte[] body = text.getBytes(java.nio.charset.Charset.forName(charset));
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static void drop(Path inbox, String name, byte[] content) throws IOException {
        Path partial = inbox.resolve(name + ".part");
        Files.write(partial, content);
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitExports(long count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                jdbc.queryForObject("select count(*) from survey_export where status <> 'READING'", Long.class) == count
                        && isEmpty(home.resolve("inbox")));
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    /** The reason beside the one failed/(date)/HHmmss-(file): failed files of one name never overwrite each other. */
    private static String reason(Path failed, String file) throws IOException {
        List<Path> found = failedFiles(failed, file);
        assertThat(found).as(file + " moved to failed/").hasSize(1);
        assertThat(found.get(0)).isRegularFile();
        String reason = Files.readString(found.get(0).resolveSibling(found.get(0).getFileName() + ".error.txt"));
        assertThat(reason).startsWith("caregap could not use " + file + ": ").contains("Nothing of this file was stored");
        return reason;
    }

    private static List<Path> failedFiles(Path failed, String file) throws IOException {
        if (!Files.isDirectory(failed)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(failed)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{6}(\\.\\d+)?-" + java.util.regex.Pattern.quote(file)))
                    .toList();
        }
    }

    private String status(String file) {
        return jdbc.queryForObject("select status from survey_export where file_name = ?", String.class, file);
    }

    private List<String> archived() throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("archive"))) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
    }
}
