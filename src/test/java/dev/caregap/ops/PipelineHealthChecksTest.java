package dev.caregap.ops;

import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.config.mail.MailSettings;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail health check against a port that answers (the SMTP server) and one that does not (the IMAP server): the
 * mailbox counts only when the mail drop reads it, so a real SMTP server without a mail drop is healthy.
 */
class PipelineHealthChecksTest {

    @TempDir
    Path folder;

    private final ServerSocket smtp = listening();
    private final int noImap = closedPort();

    @AfterEach
    void stopListening() throws IOException {
        smtp.close();
    }

    @Test
    void withTheMailDropOffAMailboxThatDoesNotAnswerIsNoFault() {
        HealthCheck.Result result = mailCheck(false);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("imap", "not checked: the mail drop is off (caregap.mail-drop.enabled)");
        assertThat((String) result.getDetails().get("smtp")).endsWith(" answers");
    }

    @Test
    void withTheMailDropOnAMailboxThatDoesNotAnswerIsDown() {
        HealthCheck.Result result = mailCheck(true);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("the IMAP server of the mail drop does not answer");
        assertThat((String) result.getDetails().get("imap")).startsWith("127.0.0.1:" + noImap + " does not answer");
    }

    @Test
    void anSmtpServerThatDoesNotAnswerIsDownWithTheMailDropOff() throws IOException {
        smtp.close();

        HealthCheck.Result result = mailCheck(false);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("the SMTP server does not answer");
    }

    private HealthCheck.Result mailCheck(boolean mailDrop) {
        MailSettings mail = new MailSettings(false, "caregap@localhost",
                new MailSettings.Smtp("127.0.0.1", smtp.getLocalPort(), MailSettings.Security.NONE, null, null),
                new MailSettings.Imap("127.0.0.1", noImap, MailSettings.Security.NONE, "surveys@localhost", "surveys", "INBOX"));
        MailDropSettings drop = new MailDropSettings(mailDrop, Duration.ofSeconds(2), List.of(), "quarantine",
                "caregap-failed", "caregap-done", folder.resolve("staging"), DataSize.ofMegabytes(50),
                DataSize.ofMegabytes(25), DataSize.ofMegabytes(200), 100, Duration.ofMinutes(10));
        PipelineHealthChecks checks = new PipelineHealthChecks(null, mail, drop, folder, folder, folder, folder,
                DataSize.ofMegabytes(1));
        PipelineHealthChecks.Mail check = checks.new Mail();
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(check);
        check.doCall(builder, Map.of());
        return builder.build();
    }

    private static ServerSocket listening() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on (taken, then let go). */
    private static int closedPort() {
        try (ServerSocket socket = listening()) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
