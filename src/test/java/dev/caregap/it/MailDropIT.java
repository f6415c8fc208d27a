package dev.caregap.it;

import dev.caregap.it.mail.TestMailServer;
import dev.caregap.it.mail.TestMailServer.Mail;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail drop against a mail server of the test's own: exports mailed to surveys@localhost as attachments are
 * read exactly like dropped files, with receipts to their senders; strangers are quarantined unread; bad
 * attachments and a malformed message end with a clear reason while the next good message is read; the same
 * message twice is read once; and the five sample files mailed in give the published figures.
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)
@SpringBootTest
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailDropIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path HOME = SampleRunContract.newHome();
    private static final TestMailServer MAIL = new TestMailServer();
    private static final String ANALYST = "analyst@localhost";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static byte[] firstMessage;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SampleRunContract.folders(registry, HOME);
        for (String argument : MAIL.serviceArguments()) {
            String[] property = argument.substring(2).split("=", 2);
            registry.add(property[0], () -> property[1]);
        }
        registry.add("caregap.mail-drop.poll", () -> "300ms");
        registry.add("caregap.mail-drop.max-unzipped", () -> "2MB");
        registry.add("caregap.runs.quiet", () -> "1s");
        registry.add("caregap.work.poll", () -> "250ms");
    }

    @AfterAll
    static void stopTheMailServer() {
        MAIL.close();
    }

    @Test
    @Order(1)
    void twoSampleAttachmentsFromAnAllowedSenderAreIngestedAndTheReceiptArrives() {
        firstMessage = TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>",
                attachments("qualtrics-consumers.csv", "tidy-business.csv"));
        MAIL.send(ANALYST, TestMailServer.SURVEYS, firstMessage);

        Mail receipt = awaitReceipt("Receipt: Wave 1");
        assertThat(status("<wave-1@localhost>")).isEqualTo("DONE");
        assertThat(jdbc.queryForList("select file_name from survey_export where status = 'INGESTED' order by id", String.class))
                .containsExactly("qualtrics-consumers.csv", "tidy-business.csv");
        assertThat(jdbc.queryForList("select source from survey_export", String.class))
                .allSatisfy(source -> assertThat(source).startsWith("mail from analyst@localhost, message "));
        // the sample's own counts (sample-input/README.md): 604 read, 600 included (3 incomplete, 1 answered twice)
        assertThat(receipt.text())
                .contains("1. qualtrics-consumers.csv: accepted as export")
                .contains("604 rows read, 600 included, 4 excluded (3 did not finish the survey; 1 a later response")
                .contains("2. tidy-business.csv: accepted as export")
                .contains("151 rows read, 151 included, 0 excluded")
                .containsPattern("Figures: run \\d+ of care-gap holds them, in .*run-\\d{5}");
        assertThat(MAIL.subjects(TestMailServer.SURVEYS, "INBOX")).isEmpty();
        assertThat(MAIL.subjects(TestMailServer.SURVEYS, "caregap-done")).containsExactly("Wave 1");
    }

    @Test
    @Order(2)
    void aMessageFromAnUnknownSenderIsQuarantinedAndNothingIsRead() {
        String stranger = "someone@example.com";
        MAIL.send(stranger, TestMailServer.SURVEYS, TestMailServer.message(stranger, "Have a look", "<stranger@example.com>",
                attachments("google-forms-consumers.csv")));

        await().atMost(WAIT).ignoreExceptions().until(() -> MAIL.subjects(TestMailServer.SURVEYS, "quarantine").size() == 1);
        assertThat(status("<stranger@example.com>")).isEqualTo("QUARANTINED");
        assertThat(jdbc.queryForObject("select reason from mail_message where message_id = '<stranger@example.com>'", String.class))
                .contains("someone@example.com is not an allowed sender");
        assertThat(count("select count(*) from survey_export where file_name = 'google-forms-consumers.csv'")).isZero();
        assertThat(count("select count(*) from mail_attachment a join mail_message m on m.id = a.mail_message_id"
                + " where m.message_id = '<stranger@example.com>'")).isZero();
        assertThat(count("select count(*) from delivery where recipient = 'someone@example.com'")).isZero();
    }

    @Test
    @Order(3)
    void badAttachmentsAndAMalformedMessageEndWithAClearReasonWhileTheNextGoodMessageIsRead() throws IOException {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("../../evil.csv", Files.readAllBytes(sample("google-forms-consumers.csv")));
        bad.put("bomb.zip", zip("data.csv", new byte[10 * 1024 * 1024]));
        bad.put("minutes.pdf", "%PDF-1.4 not a survey".getBytes(StandardCharsets.US_ASCII));
        bad.put("nested.zip", zip("inner.zip", zip("data.csv", "a,b\n".getBytes(StandardCharsets.US_ASCII))));
        MAIL.send(ANALYST, TestMailServer.SURVEYS, TestMailServer.message(ANALYST, "Odd files", "<odd@localhost>", bad));
        MAIL.send(ANALYST, TestMailServer.SURVEYS, """
                From: analyst@localhost
                To: surveys@localhost
                Subject: Broken
                Message-ID: <broken@localhost>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-used"

                The parts of this message never start.
                --another-boundary
                Content-Type: text/csv; name="wave.csv"

                a,b
                """.getBytes(StandardCharsets.US_ASCII));
        MAIL.send(ANALYST, TestMailServer.SURVEYS, TestMailServer.message(ANALYST, "Wave 2", "<wave-2@localhost>",
                attachments("google-forms-consumers.csv", "qualtrics-consumers-numeric.csv", "surveymonkey-business.csv")));

        await().atMost(WAIT).until(() -> "DONE".equals(status("<wave-2@localhost>")));
        assertThat(count("select count(*) from survey_export where status = 'INGESTED'")).isEqualTo(5);
        assertThat(status("<odd@localhost>")).isEqualTo("DONE");
        assertThat(jdbc.queryForList("""
                select a.name || ': ' || a.status || ': ' || a.reason from mail_attachment a
                join mail_message m on m.id = a.mail_message_id where m.message_id = '<odd@localhost>' order by a.position""",
                String.class)).satisfiesExactly(
                evil -> assertThat(evil).startsWith("../../evil.csv: REJECTED: ").contains("path traversal"),
                bomb -> assertThat(bomb).startsWith("bomb.zip: REJECTED: ").contains("more than 2 MB").contains("zip bomb"),
                pdf -> assertThat(pdf).startsWith("minutes.pdf: REJECTED: it is not a survey export"),
                nested -> assertThat(nested).startsWith("nested.zip/inner.zip: REJECTED: ").contains("archive inside an archive"));
        assertThat(status("<broken@localhost>")).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("select reason from mail_message where message_id = '<broken@localhost>'", String.class))
                .startsWith("the message could not be read as MIME: ");
        assertThat(MAIL.subjects(TestMailServer.SURVEYS, "caregap-failed")).containsExactly("Broken");

        assertThat(awaitReceipt("Receipt: Odd files").text())
                .contains("1. ../../evil.csv: rejected: ").contains("2. bomb.zip: rejected: ")
                .contains("3. minutes.pdf: rejected: it is not a survey export")
                .contains("No export of this message was ingested");
        assertThat(awaitReceipt("Receipt: Broken").text()).contains("It could not be used: the message could not be read as MIME");
        assertThat(awaitReceipt("Receipt: Wave 2").text()).contains("1. google-forms-consumers.csv: accepted as export")
                .contains("301 rows read, 300 included, 1 excluded (1 under the minimum age)");
    }

    @Test
    @Order(4)
    void theSameMessageDeliveredTwiceIsReadOnceAndTheSameContentAgainIsARepeat() {
        long exports = count("select count(*) from survey_export");
        MAIL.send(ANALYST, TestMailServer.SURVEYS, firstMessage);
        MAIL.send(ANALYST, TestMailServer.SURVEYS, TestMailServer.message(ANALYST, "Wave 1 again", "<wave-1-again@localhost>",
                attachments("tidy-business.csv")));

        await().atMost(WAIT).until(() -> "DONE".equals(status("<wave-1-again@localhost>")));
        // the service moves messages out of INBOX while it is listed: a message can vanish mid-read (hence ignoreExceptions)
        await().atMost(WAIT).ignoreExceptions().until(() -> MAIL.subjects(TestMailServer.SURVEYS, "INBOX").isEmpty());
        assertThat(count("select count(*) from mail_message where message_id = '<wave-1@localhost>'")).isEqualTo(1);
        assertThat(MAIL.subjects(TestMailServer.SURVEYS, "caregap-done"))
                .containsOnlyOnce("Wave 1 again").filteredOn("Wave 1"::equals).hasSize(2);
        assertThat(count("select count(*) from survey_export")).as("one repeat registered, nothing read twice")
                .isEqualTo(exports + 1);
        assertThat(count("select count(*) from survey_export where status = 'INGESTED'")).isEqualTo(5);
        assertThat(awaitReceipt("Receipt: Wave 1 again").text())
                .contains("1. tidy-business.csv: a repeat: the same content was already ingested as export");
        assertThat(MAIL.folder(ANALYST, "INBOX")).extracting(Mail::subject).containsOnlyOnce("Receipt: Wave 1");
    }

    @Test
    @Order(5)
    void theFiveSampleFilesMailedInGiveThePublishedFiguresWithTheirProvenance() throws IOException {
        await().atMost(WAIT).until(() -> count("""
                select count(*) from run_export where run_id = (select max(id) from study_run where status = 'DELIVERED')""") == 5);
        Path latest = HOME.resolve("results/care-gap/latest");
        List<CSVRecord> figures = ResultCsv.rows(latest.resolve("figures.csv"));
        assertThat(ResultCsv.totalPercent(figures, "brands_believe_care", "Top-2")).isEqualTo("73.1");
        assertThat(ResultCsv.totalPercent(figures, "consumers_feel_cared_for", "Top-2")).isEqualTo("36.0");
        assertThat(ResultCsv.totalPercent(figures, "care_gap", null)).isEqualTo("37.1");
        List<CSVRecord> quality = ResultCsv.rows(latest.resolve("data-quality.csv"));
        assertThat(quality).hasSize(5).allSatisfy(row -> assertThat(row.get("provenance"))
                .startsWith("mail from analyst@localhost; subject \"Wave ")
                .contains("; Message-ID <wave-").contains("; received 20").contains("; attachment " + row.get("file")));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Mail awaitReceipt(String subject) {
        await().atMost(WAIT).until(() -> MAIL.folder(ANALYST, "INBOX").stream().anyMatch(m -> subject.equals(m.subject())));
        return MAIL.folder(ANALYST, "INBOX").stream().filter(m -> subject.equals(m.subject())).findFirst().orElseThrow();
    }

    private String status(String messageId) {
        List<String> status = jdbc.queryForList("select status from mail_message where message_id = ?", String.class, messageId);
        return status.isEmpty() ? null : status.get(0);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static Map<String, byte[]> attachments(String... files) {
        return TestMailServer.attachments(Stream.of(files).map(MailDropIT::sample).toList());
    }

    private static Path sample(String file) {
        return PROJECT.resolve("sample-input").resolve(file);
    }

    static byte[] zip(String entry, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
