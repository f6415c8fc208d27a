package dev.caregap.it;

import dev.caregap.it.mail.TestMailServer;
import dev.caregap.it.service.ServiceProcess;
import dev.caregap.sample.CareGapQuestionnaire;
import dev.caregap.sample.SyntheticExport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail drop killed (SIGKILL) between reading a message and committing it loses nothing and doubles nothing. The
 * service runs as a JVM of its own against a mail server of the test's own, which outlives it. One message brings a
 * big export (30,000 respondents, all of whom left the survey part-way, so it takes seconds to store but leaves the
 * figures alone) and the five sample files. The service is killed while it stores the big export, and again right
 * after the big export was committed but before the message is done; after the second restart the message is done
 * once, every export is stored once, one receipt arrives, and the figures are the published ones, byte for byte
 * those of a file drop of the same six files.
 */
class MailDropCrashIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String BIG = "big-business.csv";
    private static final int BIG_RESPONDENTS = 30_000;
    private static final List<String> ARGS = List.of("--caregap.work.lease=3s", "--caregap.runs.quiet=1s",
            "--caregap.work.poll=250ms", "--caregap.intake.quiet=1s", "--caregap.mail-drop.poll=300ms");
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration PHASE = Duration.ofSeconds(180);
    private static final Pattern DONE = Pattern.compile("Mail message \\d+ from analyst@localhost \"Crash\" done");

    private static final Path WORK = createTempDirectory();
    private static final TestMailServer MAIL = new TestMailServer();

    @AfterAll
    static void cleanUp() throws IOException {
        MAIL.close();
        FileSystemUtils.deleteRecursively(WORK);
    }

    @Test
    void killedWhileReadingAMessageAndAfterCommittingPartOfIt_nothingIsLostOrDoubled() throws Exception {
        Path big = WORK.resolve(BIG);
        writeBigIncompleteExport(big);
        List<Path> files = new ArrayList<>(List.of(big));
        files.addAll(sampleFiles());

        // the reference: a file drop of the same six files
        Path fileHome = Files.createDirectories(WORK.resolve("file-drop"));
        Path inbox = Files.createDirectories(fileHome.resolve("inbox"));
        ServiceProcess reference = ServiceProcess.start(fileHome, "files", ARGS).awaitReady(READY);
        for (Path file : files) {
            Path partial = Files.copy(file, inbox.resolve(file.getFileName() + ".part"));
            Files.move(partial, inbox.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }

        Path mailHome = Files.createDirectories(WORK.resolve("mail-drop"));
        List<String> args = new ArrayList<>(ARGS);
        args.addAll(MAIL.serviceArguments());
        MAIL.send("analyst@localhost", TestMailServer.SURVEYS, TestMailServer.message("analyst@localhost", "Crash",
                "<crash@localhost>", TestMailServer.attachments(files)));

        // 1: killed while the big export is being stored
        ServiceProcess service = ServiceProcess.start(mailHome, "mail", args).awaitReady(READY);
        service.killOnLog("Reading export \\d+ " + Pattern.quote(BIG), PHASE);
        assertThat(service.countLog("Export \\d+ " + Pattern.quote(BIG) + " \\(")).as("killed before the big export was committed").isZero();

        // 2: killed after the big export was committed, before the message was done
        service = ServiceProcess.start(mailHome, "mail", args).awaitReady(READY);
        service.killOnLog("Export \\d+ " + Pattern.quote(BIG) + " \\(", PHASE);
        assertThat(service.countLog(DONE.pattern())).as("killed before the message was done").isZero();

        // 3: left to settle
        service = ServiceProcess.start(mailHome, "mail", args).awaitReady(READY);
        service.awaitLog(DONE.pattern(), PHASE);
        service.awaitLog("Run \\d+ of care-gap delivered: 6 exports", PHASE);
        await().atMost(PHASE).until(() -> MAIL.subjects("analyst@localhost", "INBOX").contains("Receipt: Crash"));
        reference.awaitLog("Run \\d+ of care-gap delivered: 6 exports", PHASE);
        service.stop();
        reference.stop();

        assertThat(MAIL.subjects("analyst@localhost", "INBOX")).containsExactly("Receipt: Crash");
        assertThat(MAIL.subjects(TestMailServer.SURVEYS, "INBOX")).isEmpty();
        String receipt = MAIL.folder("analyst@localhost", "INBOX").get(0).text();
        for (int position = 1; position <= files.size(); position++) {
            assertThat(receipt).contains(position + ". " + files.get(position - 1).getFileName() + ": accepted as export");
        }
        assertThat(receipt).contains("30,000 rows read, 0 included, 30,000 excluded (30,000 did not finish the survey)");

        try (Connection mail = database(mailHome); Connection file = database(fileHome)) {
            assertThat(number(mail, "select count(*) from mail_message")).isEqualTo(1);
            assertThat(text(mail, "select status from mail_message")).isEqualTo("DONE");
            assertThat(number(mail, "select count(distinct export_id) from mail_attachment where status = 'ACCEPTED'")).isEqualTo(6);
            assertThat(number(mail, "select count(*) from survey_export where status = 'INGESTED'")).isEqualTo(6);
            String stored = """
                    select coalesce(sum(r.respondents), 0) from respondent_block r join survey_export e on e.id = r.export_id where e.status = 'INGESTED'""";
            assertThat(number(mail, stored)).as("respondents stored, none lost, none twice")
                    .isEqualTo(number(file, stored)).isEqualTo(BIG_RESPONDENTS + 1657);
            assertThat(number(mail, "select coalesce(sum(r.respondents), 0) from respondent_block r join survey_export e on e.id = r.export_id"
                    + " where e.status <> 'INGESTED'")).as("nothing of the interrupted attempt counts").isZero();
            assertThat(number(mail, "select count(*) from delivery where deliverable = 'mail-receipt'")).isEqualTo(1);
        }

        byte[] mailed = Files.readAllBytes(mailHome.resolve("results/care-gap/latest/figures.csv"));
        byte[] dropped = Files.readAllBytes(fileHome.resolve("results/care-gap/latest/figures.csv"));
        assertThat(new String(mailed, StandardCharsets.UTF_8)).isEqualTo(new String(dropped, StandardCharsets.UTF_8));
        List<CSVRecord> figures = ResultCsv.rows(mailHome.resolve("results/care-gap/latest/figures.csv"));
        assertThat(ResultCsv.totalPercent(figures, "brands_believe_care", "Top-2")).isEqualTo("73.1");
        assertThat(ResultCsv.totalPercent(figures, "consumers_feel_cared_for", "Top-2")).isEqualTo("36.0");
        assertThat(ResultCsv.totalPercent(figures, "care_gap", null)).isEqualTo("37.1");
    }

    /** A Qualtrics export of businesses who all left part-way: seconds to store, nothing in the figures. */
    private static void writeBigIncompleteExport(Path file) throws IOException {
        Path complete = WORK.resolve("complete-" + file.getFileName());
        SyntheticExport.writeQualtrics(complete, CareGapQuestionnaire.BUSINESS, BIG_RESPONDENTS, 7);
        try (Reader in = new InputStreamReader(BOMInputStream.builder().setPath(complete).get(), StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.parse(in);
             Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            int finished = -1;
            int progress = -1;
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.toList());
                if (record.getRecordNumber() == 1) {
                    finished = cells.indexOf("Finished");
                    progress = cells.indexOf("Progress");
                } else if (record.getRecordNumber() > 3) {
                    cells.set(finished, "False");
                    cells.set(progress, "40");
                }
                printer.printRecord(cells);
            }
        }
        Files.delete(complete);
    }

    private static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROJECT.resolve("sample-input"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    private static Connection database(Path home) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("data/caregap"), "sa", "");
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("caregap-mail-crash-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
