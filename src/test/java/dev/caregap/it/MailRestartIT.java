package dev.caregap.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.caregap.it.service.ServiceProcess;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail server down, the sample dropped, the service killed while its summaries wait to be retried, the
 * server back, the service started again: the outbox sends exactly one summary per stakeholder of the
 * repository's stakeholders file, no more and none lost.
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)
class MailRestartIT {

    private static final Path home = SampleRunContract.newHome();
    private static final Duration START = Duration.ofSeconds(120);

    @Test
    void aSummaryWaitingForADownMailServerIsSentExactlyOnceAfterARestart() throws Exception {
        int smtp = SummaryMailIT.freePort();
        List<String> args = List.of("--caregap.mail.embedded=false", "--caregap.mail.smtp.port=" + smtp,
                "--caregap.stakeholders=" + SampleRunContract.PROJECT.resolve("config/stakeholders.yaml"),
                "--caregap.intake.quiet=1s", "--caregap.runs.quiet=8s", "--caregap.runs.cap=60s",
                "--caregap.deliveries.backoff=200ms", "--caregap.deliveries.max-backoff=1s",
                "--caregap.deliveries.attempts=1000", "--caregap.work.poll=250ms");

        try (ServiceProcess first = ServiceProcess.start(home, "mail", args).awaitReady(START)) {
            drop();
            first.awaitLog("summary-mail for insights@localhost failed \\(attempt \\d+", START);
            first.awaitLog("summary-mail for au-team@localhost failed \\(attempt \\d+", Duration.ofSeconds(30));
            first.kill();
            assertThat(first.countLog("Run \\d+ of care-gap delivered")).as("not delivered while e-mails wait").isZero();
        }

        GreenMail server = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try (ServiceProcess second = ServiceProcess.start(home, "mail", args).awaitReady(START)) {
            second.awaitLog("Run 1 of care-gap delivered: 5 exports", START);

            Map<String, List<String>> messageIds = new TreeMap<>();
            for (MimeMessage message : server.getReceivedMessages()) {
                for (Address to : message.getAllRecipients()) {
                    messageIds.computeIfAbsent(((InternetAddress) to).getAddress(), a -> new ArrayList<>())
                            .add(message.getMessageID());
                }
            }
            assertThat(messageIds).containsOnlyKeys("au-team@localhost", "insights@localhost");
            assertThat(messageIds.get("insights@localhost")).singleElement().asString().startsWith("<run-00001.summary-mail.");
            assertThat(messageIds.get("au-team@localhost")).singleElement().asString().startsWith("<run-00001.summary-mail.");
            assertThat(home.resolve("results/care-gap/run-00001/mail/insights@localhost.eml")).isRegularFile();
        } finally {
            server.stop();
        }
    }

    private static void drop() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        try (Stream<Path> files = Files.list(SampleRunContract.PROJECT.resolve("sample-input"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                Path partial = Files.copy(file, home.resolve(file.getFileName() + ".part"));
                Files.move(partial, inbox.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
