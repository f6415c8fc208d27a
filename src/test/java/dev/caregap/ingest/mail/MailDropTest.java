package dev.caregap.ingest.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.it.mail.TestMailServer;
import dev.caregap.read.Arrival;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.MailMessageStore;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The mail drop against a mail server of the test's own, with the database as what it is handed (in memory) and the
 * ingestion answering every export as ingested: what a message's sender is at fault for finishes it (or refuses one
 * attachment), and what is not (the connection, the disk, the database) leaves it in the mailbox to be read again.
 */
class MailDropTest {

    private static final String ANALYST = "analyst@localhost";
    private static final byte[] WAVE = "id,q1\n1,4\n2,5\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path staging;

    private final TestMailServer mail = new TestMailServer();
    private final Recorded store = new Recorded();
    private final ProducerTemplate producer = mock(ProducerTemplate.class);
    private final List<String> ingested = new ArrayList<>();

    @BeforeEach
    void everyExportIsIngested() {
        when(producer.requestBody(eq("direct:ingest"), any(), eq(IngestOutcome.class))).thenAnswer(call -> {
            Arrival arrival = call.getArgument(1);
            ingested.add(arrival.fileName());
            return new IngestOutcome(IngestOutcome.Status.INGESTED, ingested.size(), arrival.fileName(), "care-gap", "tidy",
                    2, 2, 0, 0, null, "");
        });
    }

    @AfterEach
    void stopTheMailServer() {
        mail.close();
    }

    @Test
    void aNulInTheSubjectOrAFileNameIsNeverHandedToTheStore() {
        // =?UTF-8?B?V2F2ZQAz?= is "Wave", a NUL, "3"; the second file name is "notes", a NUL, ".csv"
        send("""
                From: analyst@localhost
                To: surveys@localhost
                Subject: =?UTF-8?B?V2F2ZQAz?=
                Message-ID: <nul@localhost>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="parts"

                --parts
                Content-Type: text/csv; name="wave.csv"
                Content-Disposition: attachment; filename="wave.csv"

                id,q1
                1,4
                --parts
                Content-Type: text/csv
                Content-Disposition: attachment; filename="=?UTF-8?B?bm90ZXMALmNzdg==?="

                id,q1
                --parts--
                """.getBytes(StandardCharsets.US_ASCII));

        assertThat(mailDrop().poll()).isEqualTo(1);

        assertThat(store.envelopes).singleElement().satisfies(envelope -> assertThat(envelope.subject()).isEqualTo("Wave\uFFFD3"));
        assertThat(store.texts).isNotEmpty().noneMatch(text -> text != null && text.contains("\u0000"));
        assertThat(store.attachments).containsExactly("1/1 wave.csv: ACCEPTED: null",
                "1/2 notes\\u0000.csv: REJECTED: its name holds control characters");
        assertThat(store.finished).containsExactly("1 DONE: 1 accepted, 0 repeats, 1 rejected");
    }

    @Test
    void aMessageWhoseHeadersTheDatabaseRefusesIsMovedAsideAndTheNextOneIsRead() {
        store.refusing = envelope -> "Refused".equals(envelope.subject())
                ? new DataIntegrityViolationException("value too long for column subject") : null;
        send(TestMailServer.message(ANALYST, "Refused", "<refused@localhost>", Map.of("wave.csv", WAVE)));
        send(TestMailServer.message(ANALYST, "Wave 2", "<wave-2@localhost>", Map.of("wave.csv", WAVE)));

        assertThat(mailDrop().poll()).as("the next message is read all the same").isEqualTo(2);

        assertThat(store.registered).containsExactly(
                "<refused@localhost> FAILED: its headers could not be recorded (value too long for column subject)",
                "<wave-2@localhost> READING: null");
        assertThat(store.finished).containsExactly("2 DONE: 1 accepted, 0 repeats, 0 rejected");
        assertThat(mail.subjects(TestMailServer.SURVEYS, "caregap-failed")).containsExactly("Refused");
        assertThat(mail.subjects(TestMailServer.SURVEYS, "caregap-done")).containsExactly("Wave 2");
    }

    @Test
    void anUnreachableDatabaseEndsThePollAndMarksNothing() {
        store.refusing = envelope -> new CannotGetJdbcConnectionException("the pool has no connection");
        send(TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE)));

        assertThatThrownBy(() -> mailDrop().poll()).isInstanceOf(CannotGetJdbcConnectionException.class);

        assertThat(store.registered).isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).containsExactly("Wave 1");
    }

    @Test
    void aConnectionDroppedWhileAMessageIsDownloadedLeavesItToBeReadAgainAtTheNextPoll() throws Exception {
        byte[] raw = TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE));
        send(raw);
        MailDrop drop = mailDrop();
        // as Angus Mail reports a connection lost in the middle of a FETCH: an IOException caused by FolderClosedException
        IOException dropped = new IOException(new FolderClosedException(null, "* BYE the connection was reset"));

        Throwable thrown;
        try (Mailbox mailbox = Mailbox.open(imap())) {
            thrown = catchThrowable(() -> drop.handle(mailbox, failingWhileDownloaded(raw, dropped)));
        }

        assertThat(store.finished).as("not the message's fault: it is not finished").isEmpty();
        assertThat(thrown).as("the poll ends").isInstanceOf(FolderClosedException.class);
        assertThat(store.attachments).isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).containsExactly("Wave 1");
        assertThat(drop.poll()).isEqualTo(1);
        assertThat(store.registered).as("registered once, then found again").containsExactly("<wave-1@localhost> READING: null");
        assertThat(store.finished).containsExactly("1 DONE: 1 accepted, 0 repeats, 0 rejected");
        assertThat(mail.subjects(TestMailServer.SURVEYS, "caregap-done")).containsExactly("Wave 1");
    }

    @Test
    void aReadTimeoutWhileAMessageIsDownloadedIsNotTheMessagesFault() throws Exception {
        byte[] raw = TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE));
        send(raw);

        Throwable thrown;
        try (Mailbox mailbox = Mailbox.open(imap())) {
            thrown = catchThrowable(() -> mailDrop().handle(mailbox, failingWhileDownloaded(raw, new SocketTimeoutException("Read timed out"))));
        }

        assertThat(store.finished).as("not the message's fault: it is not finished").isEmpty();
        assertThat(thrown).as("tried again at the next poll, the other messages go on").isInstanceOf(MessagingException.class)
                .isNotInstanceOf(FolderClosedException.class)
                .hasMessageContaining("the message could not be downloaded from the server")
                .hasMessageContaining("Read timed out");
        assertThat(mail.subjects(TestMailServer.SURVEYS, "caregap-failed")).isEmpty();
    }

    @Test
    void aStagingFolderThatCannotBeWrittenLeavesTheMessageToBeReadAgain() throws Exception {
        send(TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE)));
        Path full = Files.writeString(staging.resolve("full"), "a file where the staging folder should be");
        MailDrop drop = mailDrop(full);

        assertThatThrownBy(drop::poll).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mail message 1 stays in the mailbox and is read again: the staging folder cannot be used");

        assertThat(store.finished).isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).containsExactly("Wave 1");
        Files.delete(full);
        assertThat(drop.poll()).isEqualTo(1);
        assertThat(store.finished).containsExactly("1 DONE: 1 accepted, 0 repeats, 0 rejected");
    }

    @Test
    void anAttachmentThatCannotBeSavedIsNotRejectedForGood() throws Exception {
        send(TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE)));
        Files.createDirectories(staging.resolve("message-1/1-wave.csv"));  // where the attachment goes: it cannot be written

        assertThatThrownBy(() -> mailDrop().poll()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the staging folder cannot be used");

        assertThat(store.attachments).isEmpty();
        assertThat(store.finished).isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).containsExactly("Wave 1");
    }

    @Test
    void aZipCutShortIsThatAttachmentsRefusalAndTheOtherAttachmentsAreRead() throws IOException {
        byte[] whole = zip("wave.csv", answers(20_000));
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("first.csv", WAVE);
        attachments.put("wave 3.zip", Arrays.copyOf(whole, whole.length / 2));
        attachments.put("last.csv", "id,q1\n7,1\n".getBytes(StandardCharsets.US_ASCII));
        send(TestMailServer.message(ANALYST, "Waves", "<waves@localhost>", attachments));

        assertThat(mailDrop().poll()).isEqualTo(1);

        assertThat(store.attachments).containsExactly("1/1 first.csv: ACCEPTED: null",
                "1/2 wave 3.zip: REJECTED: it is not a readable zip archive: wave 3.zip is damaged or cut short in its"
                        + " entry wave.csv (Unexpected end of ZLIB input stream); nothing of it was read",
                "1/3 last.csv: ACCEPTED: null");
        assertThat(store.finished).containsExactly("1 DONE: 2 accepted, 0 repeats, 1 rejected");
    }

    @Test
    void aLostConnectionPoolIsNotTheAttachmentsFault() {
        when(producer.requestBody(eq("direct:ingest"), any(), eq(IngestOutcome.class))).thenThrow(new CamelExecutionException(
                "ingest failed", null, new CannotCreateTransactionException("Could not open JDBC Connection for transaction")));
        send(TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE)));

        assertThatThrownBy(() -> mailDrop().poll()).isInstanceOf(CannotCreateTransactionException.class);

        assertThat(store.attachments).as("no attachment rejected for good").isEmpty();
        assertThat(store.finished).isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).containsExactly("Wave 1");
    }

    @Test
    void aMailDropThatIsOffLeavesTheMailboxAloneEvenWhenItsRouteIsStarted() {
        send(TestMailServer.message(ANALYST, "Wave 1", "<wave-1@localhost>", Map.of("wave.csv", WAVE)));

        assertThat(mailDrop(staging, false).poll()).isZero();

        assertThat(store.claims).as("not even the poller's lease is taken").isZero();
        assertThat(store.registered).isEmpty();
        assertThat(ingested).isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).containsExactly("Wave 1");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private MailDrop mailDrop() {
        return mailDrop(staging);
    }

    private MailDrop mailDrop(Path stagingFolder) {
        return mailDrop(stagingFolder, true);
    }

    private MailDrop mailDrop(Path stagingFolder, boolean enabled) {
        MailSettings settings = new MailSettings(false, "caregap@localhost",
                new MailSettings.Smtp("127.0.0.1", mail.smtpPort(), MailSettings.Security.NONE, null, null), imap());
        MailDropSettings drop = new MailDropSettings(enabled, Duration.ofSeconds(1), List.of("@localhost"), "quarantine",
                "caregap-failed", "caregap-done", stagingFolder, DataSize.ofMegabytes(50), DataSize.ofMegabytes(25),
                DataSize.ofMegabytes(200), 100, Duration.ofMinutes(10));
        CaregapProperties caregap = new CaregapProperties(null, null, "test",
                new CaregapProperties.Work(Duration.ofSeconds(15), Duration.ofSeconds(1)),
                new CaregapProperties.Runs(Duration.ofSeconds(2), Duration.ofSeconds(30), 5),
                new CaregapProperties.Deliveries(10, Duration.ofSeconds(1), Duration.ofMinutes(5)), 20);
        return new MailDrop(settings, drop, store, new Heartbeat(null), producer, caregap);
    }

    private MailSettings.Imap imap() {
        return new MailSettings.Imap("127.0.0.1", mail.imapPort(), MailSettings.Security.NONE, TestMailServer.SURVEYS,
                TestMailServer.SURVEYS_PASSWORD, "INBOX");
    }

    private void send(byte[] raw) {
        int waiting = mail.subjects(TestMailServer.SURVEYS, "INBOX").size();
        mail.send(ANALYST, TestMailServer.SURVEYS, raw);
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.subjects(TestMailServer.SURVEYS, "INBOX").size() > waiting);
    }

    /** The message as the server holds it, whose download breaks off half-way with {@code failure}. */
    private static Message failingWhileDownloaded(byte[] raw, IOException failure) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)) {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(raw, 0, raw.length / 2);
                throw failure;
            }
        };
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Rows of answers that deflate to many kilobytes (a fixed seed: the same archive at every run). */
    private static byte[] answers(int rows) {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("id,q1,q2\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(random.nextInt(5) + 1).append(',').append(random.nextInt(100)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The mail drop's rows, in memory: every text it was handed, and what it registered, recorded and finished. */
    private static final class Recorded extends MailMessageStore {
        final List<MailMessageStore.Envelope> envelopes = new ArrayList<>();
        final List<String> registered = new ArrayList<>();
        final List<String> attachments = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        final Map<String, Long> ids = new HashMap<>();
        final Map<Long, String> statuses = new HashMap<>();
        int claims;
        /** A failure of the database for this envelope, or null. */
        Function<MailMessageStore.Envelope, RuntimeException> refusing = envelope -> null;

        Recorded() {
            super(null, null);
        }

        @Override
        public boolean claimPoller(String owner, Instant now, Instant leaseUntil) {
            claims++;
            return true;
        }

        @Override
        public Seen register(String key, Envelope envelope, String status, String reason, Instant now) {
            RuntimeException refusal = refusing.apply(envelope);
            if (refusal != null) {
                throw refusal;
            }
            texts.addAll(Arrays.asList(key, envelope.sender(), envelope.subject(), envelope.messageId(), reason));
            Long id = ids.get(key);
            if (id != null) {
                return new Seen(id, statuses.get(id), false);
            }
            id = ids.size() + 1L;
            ids.put(key, id);
            statuses.put(id, status);
            envelopes.add(envelope);
            registered.add(key + " " + status + ": " + reason);
            return new Seen(id, status, true);
        }

        @Override
        public void forgetAttachments(long messageId) {
            attachments.removeIf(row -> row.startsWith(messageId + "/"));
        }

        @Override
        public void attachment(long messageId, int position, String name, String status, Long exportId, String reason) {
            texts.addAll(Arrays.asList(name, reason));
            attachments.add(messageId + "/" + position + " " + name + ": " + status + ": " + reason);
        }

        @Override
        public boolean finish(long messageId, String status, String reason, Instant now) {
            texts.add(reason);
            statuses.put(messageId, status);
            finished.add(messageId + " " + status + ": " + reason);
            return true;
        }

        @Override
        public Optional<Long> sameAttachmentIngested(long repeatExportId, String source) {
            return Optional.empty();
        }
    }
}
