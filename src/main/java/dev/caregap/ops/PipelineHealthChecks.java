package dev.caregap.ops;

import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.config.mail.MailSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Camel health checks of our own, beside Camel's for the routes and consumers: the database answers, the folders
 * exist, can be written and have room, the mail server answers (its IMAP side only when the mail drop polls it).
 * Actuator's health (camelHealth) shows them all.
 */
@Component
public class PipelineHealthChecks implements CamelContextConfiguration {

    private static final int TIMEOUT_MILLIS = 2_000;

    private final DataSource dataSource;
    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final DataSize minimumFree;
    private final MailSettings mail;
    private final MailDropSettings drop;

    public PipelineHealthChecks(DataSource dataSource, MailSettings mail, MailDropSettings drop,
                                @Value("${caregap.inbox}") Path inbox, @Value("${caregap.archive}") Path archive,
                                @Value("${caregap.failed}") Path failed, @Value("${caregap.results}") Path results,
                                @Value("${caregap.health.minimum-free-space:100MB}") DataSize minimumFree) {
        this.dataSource = dataSource;
        this.mail = mail;
        this.drop = drop;
        this.minimumFree = minimumFree;
        folders.put("inbox", inbox);
        folders.put("archive", archive);
        folders.put("failed", failed);
        folders.put("results", results);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        for (HealthCheck check : List.of(new Database(), new Folders(), new Mail())) {
            registry.register(check);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    /** The database answers within two seconds. */
    final class Database extends AbstractHealthCheck {

        Database() {
            super("caregap", "database");
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(TIMEOUT_MILLIS / 1000)) {
                    builder.detail("database", connection.getMetaData().getDatabaseProductName()).up();
                } else {
                    builder.message("the database does not answer").down();
                }
            } catch (Exception e) {
                builder.message("the database cannot be reached: " + e.getMessage()).down();
            }
        }
    }

    /** Each folder exists, a file can be made in it (tried, not guessed from permissions), and it has room. */
    final class Folders extends AbstractHealthCheck {

        Folders() {
            super("caregap", "folders");
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            StringBuilder faults = new StringBuilder();
            for (Map.Entry<String, Path> folder : folders.entrySet()) {
                String fault = fault(folder.getValue());
                builder.detail(folder.getKey(), fault == null ? "ok: " + folder.getValue() : fault);
                if (fault != null) {
                    faults.append(faults.isEmpty() ? "" : "; ").append(folder.getKey()).append(": ").append(fault);
                }
            }
            if (faults.isEmpty()) {
                builder.up();
            } else {
                builder.message(faults.toString()).down();
            }
        }

        private String fault(Path folder) {
            if (!Files.isDirectory(folder)) {
                return folder + " is not a folder";
            }
            try {
                Path probe = Files.createTempFile(folder, ".health-", ".tmp");
                Files.delete(probe);
                long free = Files.getFileStore(folder).getUsableSpace();
                if (free < minimumFree.toBytes()) {
                    return folder + " has " + DataSize.ofBytes(free).toMegabytes() + " MB free, less than "
                            + minimumFree.toMegabytes() + " MB (caregap.health.minimum-free-space)";
                }
                return null;
            } catch (IOException e) {
                return folder + " cannot be written: " + e.getMessage();
            }
        }
    }

    /**
     * The SMTP server accepts a connection (the embedded one, or the one configured), and the IMAP server too when the
     * mail drop is enabled: without it nothing reads the mailbox, so a mailbox that does not answer is no fault.
     */
    final class Mail extends AbstractHealthCheck {

        Mail() {
            super("caregap", "mail");
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            String smtp = reach(mail.smtp().host(), mail.smtp().port());
            builder.detail("smtp", mail.smtp().host() + ":" + mail.smtp().port() + (smtp == null ? " answers" : " " + smtp));
            String imap = null;
            if (drop.enabled()) {
                imap = reach(mail.imap().host(), mail.imap().port());
                builder.detail("imap", mail.imap().host() + ":" + mail.imap().port() + (imap == null ? " answers" : " " + imap));
            } else {
                builder.detail("imap", "not checked: the mail drop is off (caregap.mail-drop.enabled)");
            }
            if (smtp == null && imap == null) {
                builder.up();
            } else {
                builder.message(smtp != null ? "the SMTP server does not answer" + (imap != null ? ", nor the IMAP server" : "")
                        : "the IMAP server of the mail drop does not answer").down();
            }
        }

        private static String reach(String host, int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                return null;
            } catch (IOException e) {
                return "does not answer: " + e.getMessage();
            }
        }
    }
}
