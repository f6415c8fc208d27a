package dev.caregap.config.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail server summaries go out through (SMTP) and exports come in from (IMAP). By default caregap starts
 * its own embedded server on localhost (SMTP 3025, IMAP 3143), so a fresh machine shows real e-mails; set
 * {@code embedded=false} and the hosts below to use a real one. Passwords come from the environment
 * ({@code CAREGAP_MAIL_SMTP_PASSWORD}, ...) and are never logged.
 *
 * @param embedded start the embedded server on localhost (smtp.port, imap.port)
 * @param from     the sender of summaries and receipts
 * @param smtp     where e-mails are sent
 * @param imap     the mailbox exports arrive in
 */
@ConfigurationProperties(prefix = "caregap.mail")
public record MailSettings(@DefaultValue("true") boolean embedded,
                           @DefaultValue("caregap@localhost") String from,
                           @DefaultValue Smtp smtp, @DefaultValue Imap imap) {

    /** How the connection is secured: none, STARTTLS after connecting, or TLS from the start. */
    public enum Security { NONE, STARTTLS, TLS }

    public record Smtp(@DefaultValue("localhost") String host, @DefaultValue("3025") int port,
                       @DefaultValue("none") Security security, String user, String password) {

        @Override
        public String toString() {
            // the password never reaches a log line, whoever prints the settings
            return "smtp " + host + ":" + port + " (" + security + (user == null ? "" : ", user " + user) + ")";
        }
    }

    /**
     * @param folder the folder polled for messages
     */
    public record Imap(@DefaultValue("localhost") String host, @DefaultValue("3143") int port,
                       @DefaultValue("none") Security security, @DefaultValue("surveys@localhost") String user,
                       @DefaultValue("surveys") String password, @DefaultValue("INBOX") String folder) {

        @Override
        public String toString() {
            return "imap " + host + ":" + port + "/" + folder + " (" + security + ", user " + user + ")";
        }
    }
}
