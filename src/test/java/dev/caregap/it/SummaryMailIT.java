package dev.caregap.it;

import com.icegreen.greenmail.util.GreenMail;
import dev.caregap.config.mail.EmbeddedMailServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.caregap.ops.Operations;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample dropped into a service with the embedded mail server and the repository's two stakeholders (plus
 * one whose address the mail server refuses for good): each gets one summary with the parts and figures the
 * issue asks for, the Australian one the Australian figures, and the refused one is FAILED with its reason
 * without holding the others or the run back.
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)  // before @SpringBootTest: deletes the home once Spring closed
@SpringBootTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryMailIT {

    private static final Path home = SampleRunContract.newHome();
    private static final String EVERYTHING = "insights@localhost";
    private static final String AUSTRALIA = "au-team@localhost";
    private static final String REFUSED = "refused@localhost";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        SampleRunContract.folders(registry, home);
        Path stakeholders = Files.createDirectories(home.resolve("config")).resolve("stakeholders.yaml");
        Files.writeString(stakeholders, Files.readString(SampleRunContract.PROJECT.resolve("config/stakeholders.yaml")) + """
                  - name: Nobody
                    address: %s
                    studies: [care-gap]
                """.formatted(REFUSED));
        registry.add("caregap.stakeholders", stakeholders::toString);
        registry.add("caregap.mail.embedded", () -> "true");
        String smtp = Integer.toString(freePort());
        String imap = Integer.toString(freePort());
        registry.add("caregap.mail.smtp.port", () -> smtp);
        registry.add("caregap.mail.imap.port", () -> imap);
        registry.add("caregap.intake.quiet", () -> "1s");
        registry.add("caregap.runs.quiet", () -> "8s");  // five files dropped together are one run
        registry.add("caregap.runs.cap", () -> "60s");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    EmbeddedMailServer mailServer;
    @Autowired
    Operations operations;

    private final Map<String, List<MimeMessage>> received = new LinkedHashMap<>();
    private Path runFolder;

    @BeforeAll
    void theMailServerRefusesOneAddressAndTheSampleIsDropped() throws Exception {
        // what JavaMail throws when the server answers RCPT TO with 550
        AdviceWith.adviceWith(camel, "send-mail", route -> route.weaveByToUri("smtp*").before().process(exchange -> {
            MimeMessage message = exchange.getIn().getBody(MimeMessage.class);
            InternetAddress refused = new InternetAddress(REFUSED);
            if (Arrays.asList(message.getAllRecipients()).contains(refused)) {
                throw new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(refused, "RCPT TO:<" + REFUSED + ">",
                        550, "550 5.1.1 <" + REFUSED + ">: Recipient address rejected: User unknown"),
                        new Address[0], new Address[0], new Address[]{refused});
            }
        }));
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        try (Stream<Path> files = Files.list(SampleRunContract.PROJECT.resolve("sample-input"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                Path partial = Files.copy(file, home.resolve(file.getFileName() + ".part"));
                Files.move(partial, inbox.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("select count(*) from survey_export where status = 'INGESTED'") == 5
                        && count("select count(*) from study_run where status = 'DELIVERED'") == 1);
        GreenMail server = mailServer.server();
        for (MimeMessage message : server.getReceivedMessages()) {
            for (Address to : message.getAllRecipients()) {
                received.computeIfAbsent(((InternetAddress) to).getAddress(), a -> new ArrayList<>()).add(message);
            }
        }
        runFolder = home.resolve("results/care-gap").resolve(jdbc.queryForObject(
                "select 'run-' || lpad(cast(max(id) as varchar), 5, '0') from study_run", String.class));
    }

    @Test
    void aFiveFileDropIsOneRunAndOneSummaryPerStakeholder() {
        assertThat(count("select count(*) from study_run")).isEqualTo(1);
        assertThat(received).containsOnlyKeys(EVERYTHING, AUSTRALIA);
        assertThat(received.get(EVERYTHING)).hasSize(1);
        assertThat(received.get(AUSTRALIA)).hasSize(1);
    }

    @Test
    void theSummaryHasTextAndHtmlAlternativesAnInlineChartTheHtmlShowsAndTheChosenAttachments() throws Exception {
        MimeMessage message = received.get(EVERYTHING).get(0);
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        assertThat(message.getFrom()).containsExactly(new InternetAddress("caregap@localhost"));
        assertThat(message.getMessageID()).matches("<run-\\d{5}\\.summary-mail\\.[0-9a-f]{16}@care-gap\\.caregap>");
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/related");
        MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
        assertThat(related.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        BodyPart chart = related.getBodyPart(1);
        assertThat(chart.getContentType()).startsWith("image/png");
        assertThat(chart.getDisposition()).isEqualTo(Part.INLINE);
        byte[] png = chart.getInputStream().readAllBytes();
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        String contentId = ((jakarta.mail.internet.MimeBodyPart) chart).getContentID().replaceAll("^<|>$", "");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("cid:" + contentId);

        Map<String, BodyPart> attachments = attachments(mixed);
        assertThat(attachments.keySet()).hasSize(3).anyMatch(n -> n.endsWith(".xlsx")).anyMatch(n -> n.endsWith(".html"))
                .anyMatch(n -> n.endsWith("figures.csv"));
        for (Map.Entry<String, BodyPart> file : attachments.entrySet()) {
            assertThat(file.getValue().getDisposition()).isEqualTo(Part.ATTACHMENT);
            byte[] content = file.getValue().getInputStream().readAllBytes();
            if (file.getKey().endsWith(".xlsx")) {
                try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
                    assertThat(workbook.getNumberOfSheets()).isPositive();
                }
            } else if (file.getKey().endsWith(".csv")) {
                assertThat(content).isEqualTo(Files.readAllBytes(runFolder.resolve("figures.csv")));
            } else {
                assertThat(file.getValue().getContentType()).startsWith("text/html");
                assertThat(new String(content, StandardCharsets.UTF_8)).containsIgnoringCase("<html");
            }
        }
    }

    @Test
    void everyonesSummaryHoldsThePublishedHeadline() throws Exception {
        MimeMessage message = received.get(EVERYTHING).get(0);
        assertThat(message.getSubject()).isEqualTo("Care Gap: gap 37.1 pts (brands 73.1% vs consumers 36.0%)");
        for (String body : List.of(text(message), html(message))) {
            assertThat(body).contains("73.1%", "36.0%", "37.1");
        }
    }

    @Test
    void theAustraliaStakeholderGetsTheAustralianFigures() throws Exception {
        Map<String, String> australia = new LinkedHashMap<>();
        try (Reader in = SampleRunContract.resultFile(runFolder.resolve("figures.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (row.get("breakdown").equals("country") && row.get("group").equals("Australia")
                        && List.of("care_gap", "brands_believe_care", "consumers_feel_cared_for").contains(row.get("figure"))) {
                    australia.put(row.get("figure"), row.get("percent"));
                }
            }
        }
        assertThat(australia).hasSize(3);
        assertThat(australia.get("care_gap")).as("the Australian gap differs from the total").isNotEqualTo("37.1");

        MimeMessage message = received.get(AUSTRALIA).get(0);
        assertThat(message.getSubject()).startsWith("Care Gap").contains("gap " + australia.get("care_gap") + " pts (brands "
                + australia.get("brands_believe_care") + "% vs consumers " + australia.get("consumers_feel_cared_for") + "%)");
        for (String body : List.of(text(message), html(message))) {
            assertThat(body).contains(australia.get("care_gap"), australia.get("brands_believe_care") + "%",
                    australia.get("consumers_feel_cared_for") + "%").doesNotContain("73.1%");
        }
        assertThat(attachments((MimeMultipart) message.getContent()).keySet()).hasSize(2)
                .anyMatch(n -> n.endsWith(".xlsx")).anyMatch(n -> n.endsWith(".html"));
    }

    @Test
    void aRefusedAddressIsFailedWithItsReasonAndTheRunIsStillDelivered() {
        Map<String, Object> refused = jdbc.queryForMap(
                "select status, attempts, reason from delivery where deliverable = 'summary-mail' and recipient = ?", REFUSED);
        assertThat(refused.get("STATUS")).isEqualTo("FAILED");
        assertThat(((Number) refused.get("ATTEMPTS")).intValue()).as("a refusal for good is not tried again").isEqualTo(1);
        assertThat((String) refused.get("REASON")).contains(REFUSED, "550");
        assertThat(jdbc.queryForList("select recipient from delivery where deliverable = 'summary-mail' and status = 'DONE'",
                String.class)).containsExactlyInAnyOrder(EVERYTHING, AUSTRALIA);
        assertThat(runFolder.resolve("mail/" + REFUSED + ".eml")).doesNotExist();
    }

    @Test
    void aRunsRowsAreMadeAndSoTakenInOrderItsFiguresItsSummariesThenItsResponseFiles() {
        // the delivery thread takes due rows by id: the summaries do not wait for the seconds of the workbook
        Long run = jdbc.queryForObject("select min(run_id) from delivery where deliverable = 'result-files'", Long.class);
        List<String> byId = jdbc.queryForList("""
                select deliverable from delivery
                where run_id = ? and deliverable in ('result-files', 'summary-mail', 'response-files') order by id""",
                String.class, run);
        assertThat(byId).containsExactly("result-files", "summary-mail", "summary-mail", "summary-mail", "response-files");
    }

    @Test
    void eachSentMessageIsAlsoInTheRunFolderAsAnEmlFile() throws Exception {
        for (String recipient : List.of(EVERYTHING, AUSTRALIA)) {
            Path eml = runFolder.resolve("mail/" + recipient + ".eml");
            try (InputStream in = Files.newInputStream(eml)) {
                MimeMessage copy = new MimeMessage(Session.getInstance(new Properties()), in);
                assertThat(copy.getMessageID()).isEqualTo(received.get(recipient).get(0).getMessageID());
                assertThat(copy.getSubject()).isEqualTo(received.get(recipient).get(0).getSubject());
            }
        }
    }

    @Test
    void anOperatorResendsOneStakeholdersSummaryAndOnlyTheyGetTheSameMessageAgain() throws Exception {
        long run = count("select max(id) from study_run");
        int everyoneBefore = messagesTo(EVERYTHING).size();
        int australiaBefore = messagesTo(AUSTRALIA).size();

        assertThat(operations.resendSummary(run, EVERYTHING)).contains("1 summary-mail delivery of run " + run);

        await().atMost(Duration.ofSeconds(60)).until(() -> messagesTo(EVERYTHING).size() > everyoneBefore);
        Thread.sleep(2_000);  // nothing else follows: only the one row was made due again
        assertThat(messagesTo(EVERYTHING)).hasSize(everyoneBefore + 1)
                .extracting(MimeMessage::getMessageID).containsOnly(received.get(EVERYTHING).get(0).getMessageID());
        assertThat(messagesTo(AUSTRALIA)).hasSize(australiaBefore);
        assertThat(count("select count(*) from operation_log where operation = 'resend-summary' and asked_by = 'local'"))
                .isEqualTo(1);
    }

    /** What the mail server received for one address (its order is the server's, not the arrival's). */
    private List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : mailServer.server().getReceivedMessages()) {
            if (Arrays.asList(message.getAllRecipients()).contains(new InternetAddress(address))) {
                to.add(message);
            }
        }
        return to;
    }

    private static Map<String, BodyPart> attachments(MimeMultipart mixed) throws Exception {
        Map<String, BodyPart> files = new LinkedHashMap<>();
        for (int i = 1; i < mixed.getCount(); i++) {
            files.put(mixed.getBodyPart(i).getFileName(), mixed.getBodyPart(i));
        }
        return files;
    }

    private static String text(MimeMessage message) throws Exception {
        return (String) alternative(message).getBodyPart(0).getContent();
    }

    private static String html(MimeMessage message) throws Exception {
        return (String) alternative(message).getBodyPart(1).getContent();
    }

    private static MimeMultipart alternative(MimeMessage message) throws Exception {
        MimeMultipart related = (MimeMultipart) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        return (MimeMultipart) related.getBodyPart(0).getContent();
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
