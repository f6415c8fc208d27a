package dev.caregap.it;

import dev.caregap.it.mail.TestMailServer;
import dev.caregap.it.service.ServiceProcess;
import dev.caregap.testing.PostgresServer;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service, each its own JVM, on one embedded PostgreSQL and one shared home, both polling the
 * same mailbox of a mail server of the test's own. Twelve messages from two allowed senders bring the five sample
 * files, most of them more than once (the same content in other messages is a repeat); three of the messages are
 * delivered twice with the same Message-ID, and a stranger mails one more. Once everything has settled, the
 * database and the mailboxes are asked what happened: every message recorded once and read once, every content
 * ingested once, one receipt per message (none for the stranger, as the README promises), and the study's newest run
 * over every ingested export with the published figures.
 *
 * <p>One instance polls at a time (the poller's lease), so which instance reads the batch is not fixed: the test
 * only prints who did what. Then the instance holding the poller is stopped and one more message and a copy of an
 * earlier one arrive: the other instance takes the polling over once the lease (3 s) ran out, reads the new message
 * and recognises the copy from the database alone. {@code -Dcaregap.it.keep=true} keeps the home (the instances'
 * logs are in {@code logs/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailDropSeveralInstancesIT {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String STUDY = "care-gap";
    static final List<String> INSTANCES = List.of("a", "b");
    static final String ANALYST = "analyst@localhost";
    static final String FIELDWORK = "fieldwork@localhost";
    static final String STRANGER = "someone@example.com";
    static final String STRANGER_ID = "<stranger@example.com>";
    static final List<String> SAMPLES = List.of("google-forms-consumers.csv", "qualtrics-consumers-numeric.csv",
            "qualtrics-consumers.csv", "surveymonkey-business.csv", "tidy-business.csv");

    /** The messages of allowed senders: each attachment is a sample file (an index into SAMPLES). */
    static final List<Mailed> MESSAGES = List.of(
            mailed(1, ANALYST, 0), mailed(2, FIELDWORK, 1), mailed(3, ANALYST, 2, 3), mailed(4, FIELDWORK, 4),
            mailed(5, ANALYST, 0, 1), mailed(6, FIELDWORK, 2), mailed(7, ANALYST, 3, 4), mailed(8, FIELDWORK, 1),
            mailed(9, ANALYST, 0, 4), mailed(10, FIELDWORK, 2, 3), mailed(11, ANALYST, 4), mailed(12, FIELDWORK, 0));
    /** Messages delivered a second time, the same bytes (so the same Message-ID), after these messages. */
    static final Map<Integer, Integer> AGAIN_AFTER = Map.of(5, 3, 9, 7, 12, 10);
    /** Mailed once the instance holding the poller was stopped, with a copy of message LATE_COPY. */
    static final Mailed LATE = mailed(13, ANALYST, 1, 3);
    static final int LATE_COPY = 4;
    /** Every message of an allowed sender, each once. */
    static final List<Mailed> ALL = Stream.concat(MESSAGES.stream(), Stream.of(LATE)).toList();
    static final int COPIES = AGAIN_AFTER.size() + 1;

    static final List<String> ARGS = List.of("--caregap.work.lease=3s", "--caregap.runs.quiet=1s", "--caregap.work.poll=250ms",
            "--caregap.mail-drop.poll=300ms");
    static final Duration READY = Duration.ofSeconds(150);
    static final Duration SETTLED_WITHIN = Duration.ofSeconds(120);
    /** Longer than a run's quiet time (1 s) and a few polls: a settled state must hold still this long. */
    static final Duration STILL_FOR = Duration.ofSeconds(4);

    record Mailed(int number, String sender, List<Integer> samples) {
        String subject() {
            return "Wave " + number;
        }

        String messageId() {
            return "<wave-" + number + "@localhost>";
        }

        byte[] raw() {
            return TestMailServer.message(sender, subject(), messageId(),
                    TestMailServer.attachments(samples.stream().map(i -> sample(SAMPLES.get(i))).toList()));
        }
    }

    private static Mailed mailed(int number, String sender, Integer... samples) {
        return new Mailed(number, sender, List.of(samples));
    }

    private final PostgresServer postgres = new PostgresServer();
    private JdbcTemplate db;
    private Path home;
    private TestMailServer mail;
    private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
    /** The instance that held the poller once the batch had settled, stopped then; and the other one. */
    private String stopped;
    private String survivor;

    @BeforeAll
    void twoInstancesPollOneMailboxWhileABatchOfMessagesArrives() throws IOException {
        long start = System.nanoTime();
        postgres.start();
        db = new JdbcTemplate(postgres.postgresDatabase());
        mail = new TestMailServer();
        home = Files.createTempDirectory("caregap-mail-several-");
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl() + "&reWriteBatchedInserts=true",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres"));
        args.addAll(ARGS);
        args.addAll(mail.serviceArguments());
        for (String instance : INSTANCES) {
            instances.put(instance, ServiceProcess.start(home, instance, args));
        }
        for (ServiceProcess instance : instances.values()) {
            instance.awaitReady(READY);
        }
        long ready = System.nanoTime();

        // the batch, while both run: each message once, some again right after a later one, and the stranger's
        for (Mailed message : MESSAGES) {
            mail.send(message.sender(), TestMailServer.SURVEYS, message.raw());
            Integer again = AGAIN_AFTER.get(message.number());
            if (again != null) {
                Mailed copy = MESSAGES.get(again - 1);
                mail.send(copy.sender(), TestMailServer.SURVEYS, copy.raw());
            }
            if (message.number() == 6) {
                mail.send(STRANGER, TestMailServer.SURVEYS, TestMailServer.message(STRANGER, "Have a look", STRANGER_ID,
                        TestMailServer.attachments(List.of(sample(SAMPLES.get(0))))));
            }
        }
        awaitSettled(MESSAGES.size() + 1, MESSAGES.size() + AGAIN_AFTER.size());
        long settled = System.nanoTime();
        System.out.println("MailDropSeveralInstancesIT: who did what in the batch: " + whoDidWhat());

        // the poller's holder stops (SIGTERM); the other must take over the mailbox
        stopped = db.queryForObject("select owner from mail_poller", String.class);
        assertThat(stopped).as("the instance holding the poller").isIn(INSTANCES);
        survivor = INSTANCES.stream().filter(name -> !name.equals(stopped)).findFirst().orElseThrow();
        instances.get(stopped).stop();
        mail.send(LATE.sender(), TestMailServer.SURVEYS, LATE.raw());
        Mailed copy = MESSAGES.get(LATE_COPY - 1);
        mail.send(copy.sender(), TestMailServer.SURVEYS, copy.raw());
        awaitSettled(ALL.size() + 1, ALL.size() + COPIES);
        System.out.printf("MailDropSeveralInstancesIT: instances ready in %d ms, the batch settled %d ms later,"
                + " the late messages %d ms after that (instance %s stopped)%n", (ready - start) / 1_000_000,
                (settled - ready) / 1_000_000, (System.nanoTime() - settled) / 1_000_000, stopped);
        System.out.println("MailDropSeveralInstancesIT: who did what in all: " + whoDidWhat());
    }

    @AfterAll
    void stopEverything() throws IOException {
        ServiceProcess.closeAll(instances.values(), "MailDropSeveralInstancesIT");
        if (mail != null) {
            mail.close();
        }
        postgres.close();
        if (home != null) {
            if (Boolean.getBoolean("caregap.it.keep")) {
                System.out.println("MailDropSeveralInstancesIT: kept " + home);
            } else {
                FileSystemUtils.deleteRecursively(home);
            }
        }
    }

    // --- the checks ------------------------------------------------------------------------------

    @Test
    void eachMessageIdHasExactlyOneMailMessageRow() {
        Map<String, String> expected = new TreeMap<>();
        ALL.forEach(m -> expected.put(m.messageId(), "1 DONE"));
        expected.put(STRANGER_ID, "1 QUARANTINED");
        Map<String, String> recorded = new TreeMap<>();
        db.query("select message_id, count(*), min(status), max(status) from mail_message group by message_id", rs -> {
            recorded.put(rs.getString(1), rs.getLong(2) + " " + rs.getString(3)
                    + (rs.getString(3).equals(rs.getString(4)) ? "" : "/" + rs.getString(4)));
        });
        assertThat(recorded).as("mail_message rows per Message-ID (count, status)").isEqualTo(expected);
    }

    @Test
    void eachMessageIsReadOnceByOneInstanceAndEachCopyIsOnlyMovedAside() {
        assertThat(logged("Mail message \\d+ from .*: reading its attachments")).as("messages read, over both instances")
                .isEqualTo(ALL.size());
        assertThat(logged("Mail message \\d+ from .* is read again: an earlier attempt stopped")).as("messages read a second time").isZero();
        assertThat(logged("Mail message \\d+ from .* came again \\(same Message-ID\\)")).as("copies recognised")
                .isEqualTo(COPIES);
        for (Mailed message : ALL) {
            assertThat(linesOfAll("Mail message \\d+ from " + Pattern.quote(message.sender()) + " \""
                    + Pattern.quote(message.subject()) + "\": reading its attachments"))
                    .as("instances' log lines reading " + message.subject()).hasSize(1);
        }
        List<String> done = new ArrayList<>();
        ALL.forEach(m -> done.add(m.subject()));
        AGAIN_AFTER.values().forEach(n -> done.add(MESSAGES.get(n - 1).subject()));
        done.add(MESSAGES.get(LATE_COPY - 1).subject());
        assertThat(mail.subjects(TestMailServer.SURVEYS, "INBOX")).as("messages left in the polled folder").isEmpty();
        assertThat(mail.subjects(TestMailServer.SURVEYS, "caregap-done")).as("messages in caregap-done")
                .containsExactlyInAnyOrderElementsOf(done);
        assertThat(mail.subjects(TestMailServer.SURVEYS, "quarantine")).as("messages in quarantine")
                .containsExactly("Have a look");
        assertThat(mail.subjects(TestMailServer.SURVEYS, "caregap-failed")).as("messages in caregap-failed").isEmpty();
    }

    @Test
    void eachAttachmentIsStoredOnceAndEachContentIngestedOnceTheRestRepeats() {
        int attachments = ALL.stream().mapToInt(m -> m.samples().size()).sum();
        assertThat(count("select count(*) from mail_attachment")).as("mail_attachment rows").isEqualTo(attachments);
        assertThat(count("select count(*) from survey_export")).as("exports registered, one per attachment read")
                .isEqualTo(attachments);
        assertThat(count("select count(*) from (select export_id from mail_attachment group by export_id"
                + " having count(*) > 1) twice")).as("exports named by more than one attachment").isZero();

        Map<String, String> perContent = new TreeMap<>();
        db.query("""
                select min(case when status = 'INGESTED' then file_name end),
                       sum(case when status = 'INGESTED' then 1 else 0 end),
                       sum(case when status = 'REPEAT' then 1 else 0 end),
                       sum(case when status not in ('INGESTED', 'REPEAT') then 1 else 0 end)
                from survey_export group by content_hash""", rs -> {
            perContent.put(rs.getString(1), rs.getLong(2) + " ingested, " + rs.getLong(3) + " repeats, "
                    + rs.getLong(4) + " other");
        });
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < SAMPLES.size(); i++) {
            int index = i;
            long mailed = ALL.stream().flatMap(m -> m.samples().stream()).filter(s -> s == index).count();
            expected.put(SAMPLES.get(i), "1 ingested, " + (mailed - 1) + " repeats, 0 other");
        }
        assertThat(perContent).as("exports per content (named by its ingested file)").isEqualTo(expected);
        assertThat(db.queryForList("""
                select r.id from survey_export r left join survey_export o on o.id = r.repeat_of
                where r.status = 'REPEAT' and (o.status is null or o.status <> 'INGESTED' or o.content_hash <> r.content_hash)""",
                Long.class)).as("repeats that do not point at the ingested export of their content").isEmpty();

        Map<String, Long> byStatus = new TreeMap<>();
        db.query("select status, count(*) from mail_attachment group by status", rs -> {
            byStatus.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(byStatus).as("attachments by status")
                .isEqualTo(Map.of("ACCEPTED", (long) SAMPLES.size(), "REPEAT", (long) attachments - SAMPLES.size()));
        assertThat(db.queryForList("""
                select a.name from mail_attachment a join survey_export e on e.id = a.export_id
                where (a.status = 'ACCEPTED' and e.status <> 'INGESTED') or (a.status = 'REPEAT' and e.status <> 'REPEAT')
                   or a.name <> e.file_name""", String.class)).as("attachments whose export says otherwise").isEmpty();
        assertThat(count("select count(*) from survey_export where status = 'INGESTED' and owner is not null"
                + " and owner not in ('a', 'b')")).as("exports owned by neither instance").isZero();
    }

    @Test
    void everyMessageOfAnAllowedSenderGetsOneReceiptAndTheStrangerNone() {
        for (String sender : List.of(ANALYST, FIELDWORK)) {
            List<String> expected = ALL.stream().filter(m -> m.sender().equals(sender))
                    .map(m -> "Receipt: " + m.subject()).toList();
            assertThat(mail.subjects(sender, "INBOX")).as("e-mails received by " + sender)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(mail.subjects(STRANGER, "INBOX")).as("e-mails received by the stranger").isEmpty();
        assertThat(count("select count(*) from delivery where recipient = ?", STRANGER)).as("outbox rows for the stranger")
                .isZero();
        Map<String, String> receipts = new TreeMap<>();
        db.query("""
                select m.message_id, count(d.id), min(d.status), max(d.status) from mail_message m
                left join delivery d on d.mail_message_id = m.id where m.status = 'DONE' group by m.message_id""", rs -> {
            receipts.put(rs.getString(1), rs.getLong(2) + " " + rs.getString(3) + "/" + rs.getString(4));
        });
        Map<String, String> expected = new TreeMap<>();
        ALL.forEach(m -> expected.put(m.messageId(), "1 DONE/DONE"));
        assertThat(receipts).as("receipt outbox rows per message (count, statuses)").isEqualTo(expected);
    }

    @Test
    void theNewestRunCoversEveryIngestedExportWithThePublishedFigures() throws IOException {
        Map<String, Object> run = db.queryForMap("select id, status from study_run where study = ? order by id desc limit 1",
                STUDY);
        long runId = ((Number) run.get("id")).longValue();
        assertThat(run.get("status")).as("status of the newest run, " + runId).isEqualTo("DELIVERED");
        assertThat(db.queryForList("select export_id from run_export where run_id = ? order by export_id", Long.class, runId))
                .as("exports covered by run " + runId)
                .isEqualTo(db.queryForList("select id from survey_export where status = 'INGESTED' and study = ? order by id",
                        Long.class, STUDY))
                .hasSize(SAMPLES.size());
        Path latest = home.resolve("results").resolve(STUDY).resolve("latest");
        assertThat(latest.toRealPath().getFileName().toString()).as("latest").isEqualTo(String.format("run-%05d", runId));
        // the published figures of the five sample files
        List<CSVRecord> figures = ResultCsv.rows(latest.resolve("figures.csv"));
        assertThat(ResultCsv.totalPercent(figures, "brands_believe_care", "Top-2")).isEqualTo("73.1");
        assertThat(ResultCsv.totalPercent(figures, "consumers_feel_cared_for", "Top-2")).isEqualTo("36.0");
        assertThat(ResultCsv.totalPercent(figures, "care_gap", null)).isEqualTo("37.1");
    }

    @Test
    void nothingIsLeftReadingPendingOrFailed() {
        assertThat(db.queryForList("select message_id || ' ' || status from mail_message where status not in ('DONE', 'QUARANTINED')",
                String.class)).as("messages neither done nor quarantined").isEmpty();
        assertThat(db.queryForList("select file_name || ' ' || status from survey_export where status not in ('INGESTED', 'REPEAT')",
                String.class)).as("exports neither ingested nor repeats").isEmpty();
        assertThat(db.queryForList("select id || ' ' || status from study_run where status <> 'DELIVERED'", String.class))
                .as("runs not delivered").isEmpty();
        assertThat(db.queryForList("select id || ' ' || deliverable || ' ' || status from delivery where status <> 'DONE'",
                String.class)).as("deliveries not done").isEmpty();
        assertThat(instances.get(survivor).isAlive()).as("instance " + survivor + " still running").isTrue();
    }

    @Test
    void theOtherInstanceTakesThePollingOverWhenThePollerStopsAndKnowsTheCopyFromTheDatabase() {
        ServiceProcess other = instances.get(survivor);
        Mailed copy = MESSAGES.get(LATE_COPY - 1);
        assertThat(other.countLog("Mail message \\d+ from " + Pattern.quote(LATE.sender()) + " \""
                + Pattern.quote(LATE.subject()) + "\": reading its attachments"))
                .as(LATE.subject() + " read by " + survivor + " after " + stopped + " stopped").isEqualTo(1);
        assertThat(other.countLog("Mail message \\d+ from " + Pattern.quote(copy.sender()) + " \""
                + Pattern.quote(copy.subject()) + "\" came again \\(same Message-ID\\)"))
                .as("the late copy of " + copy.subject() + " recognised by " + survivor).isEqualTo(1);
        assertThat(db.queryForObject("select owner from mail_poller", String.class)).as("the poller's holder")
                .isEqualTo(survivor);
    }

    // --- the scenario ----------------------------------------------------------------------------

    /**
     * Settled: the polled folder is empty, every message is recorded and none is READING, every receipt is sent, no
     * export is being read, no run is waiting or undelivered; and all that holds still for {@link #STILL_FOR}.
     */
    private void awaitSettled(int messages, int inDoneFolder) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await(messages + " messages to be read (" + inDoneFolder + " in caregap-done), their runs delivered and"
                    + " their receipts sent").atMost(SETTLED_WITHIN).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> settledState(messages, inDoneFolder) != null);
            await("the settled state to hold still for " + STILL_FOR).atMost(STILL_FOR.plusSeconds(30))
                    .during(STILL_FOR).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        String now = settledState(messages, inDoneFolder);
                        return now != null && now.equals(last.getAndSet(now));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nlast settled state: " + last.get() + "\n" + state(), e);
        }
    }

    /** A snapshot of the settled database and mailboxes, or null while work is still going on. */
    private String settledState(int messages, int inDoneFolder) {
        if (!mail.subjects(TestMailServer.SURVEYS, "INBOX").isEmpty()
                || mail.subjects(TestMailServer.SURVEYS, "caregap-done").size() < inDoneFolder
                || count("select count(*) from mail_message") < messages
                || count("select count(*) from mail_message where status = 'READING' or (status = 'DONE' and receipt_queued_at is null)") > 0
                || count("select count(*) from survey_export where status = 'READING'") > 0
                || count("select count(*) from study_run where status in ('REQUESTED', 'COMPUTING', 'COMPUTED')") > 0
                || count("select count(*) from delivery where status = 'PENDING'") > 0) {
            return null;
        }
        return "messages " + count("select count(*) from mail_message")
                + ", attachments " + count("select count(*) from mail_attachment")
                + ", exports " + count("select count(*) from survey_export")
                + ", runs " + count("select count(*) from study_run")
                + ", deliveries " + count("select count(*) from delivery")
                + ", receipts " + mail.subjects(ANALYST, "INBOX").size() + "+" + mail.subjects(FIELDWORK, "INBOX").size()
                + ", done folder " + mail.subjects(TestMailServer.SURVEYS, "caregap-done").size();
    }

    /** What the database and the logs say, for a failure message. */
    private String state() {
        StringBuilder state = new StringBuilder();
        try {
            state.append("mail_message: ").append(db.queryForList(
                    "select id || ' ' || message_id || ' ' || status || ' queued ' || coalesce(cast(receipt_queued_at as varchar), '-')"
                            + " from mail_message order by id", String.class)).append('\n');
            state.append("survey_export: ").append(db.queryForList(
                    "select id || ' ' || file_name || ' ' || status || ' ' || coalesce(owner, '-') from survey_export order by id",
                    String.class)).append('\n');
            state.append("study_run: ").append(db.queryForList(
                    "select id || ' ' || status from study_run order by id", String.class)).append('\n');
            state.append("delivery: ").append(db.queryForList(
                    "select id || ' ' || deliverable || ' ' || recipient || ' ' || status || ' ' || coalesce(reason, '')"
                            + " from delivery order by id", String.class)).append('\n');
            state.append("mail_poller: ").append(db.queryForList("select coalesce(owner, '-') from mail_poller", String.class))
                    .append('\n');
        } catch (RuntimeException e) {
            state.append("(the database could not be asked: ").append(e).append(")\n");
        }
        instances.values().forEach(instance -> state.append(instance.tail()).append('\n'));
        return state.toString();
    }

    /** Which instance polled, read which message and ingested which export (logs), and holds the poller now. */
    private String whoDidWhat() {
        Map<String, String> did = new LinkedHashMap<>();
        instances.forEach((name, instance) -> did.put(name, "read " + instance.logLines().stream()
                .filter(Pattern.compile("Mail message \\d+ from .*: reading its attachments").asPredicate())
                .map(line -> line.replaceAll(".*\"(.*)\": reading its attachments.*", "$1")).toList()
                + ", ingested " + instance.countLog("Export \\d+ .* respondents read") + " exports, copies moved aside "
                + instance.countLog("came again")));
        return did + "; poller now held by " + db.queryForList("select coalesce(owner, '-') from mail_poller", String.class);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private long logged(String regex) {
        return instances.values().stream().mapToLong(instance -> instance.countLog(regex)).sum();
    }

    private List<String> linesOfAll(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return instances.values().stream().flatMap(instance -> instance.logLines().stream()
                .filter(pattern.asPredicate()).map(line -> instance.instance() + ": " + line)).collect(Collectors.toList());
    }

    private long count(String sql, Object... args) {
        Long n = db.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static Path sample(String file) {
        return PROJECT.resolve("sample-input").resolve(file);
    }
}
