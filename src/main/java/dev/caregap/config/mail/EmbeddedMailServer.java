package dev.caregap.config.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The mail server of a fresh machine: GreenMail on localhost, SMTP and IMAP on the configured ports, so the
 * summaries the service sends can be read in any mail client (IMAP, user = the address, password = the
 * address) and exports can be mailed in to {@code surveys@localhost}. Started before the routes, stopped after.
 */
public class EmbeddedMailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    private static final String HOST = "127.0.0.1";

    private final MailSettings settings;
    private GreenMail server;

    public EmbeddedMailServer(MailSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        int smtp = settings.smtp().port();
        int imap = settings.imap().port();
        requireFree(smtp, "SMTP");
        requireFree(imap, "IMAP");
        server = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtp, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, HOST, ServerSetup.PROTOCOL_IMAP)});
        server.start();
        server.setUser(settings.imap().user(), settings.imap().user(), settings.imap().password());
        log.info("Embedded mail server on localhost: SMTP port {}, IMAP port {} (user = address, password = address;"
                + " {} polls with its configured password)", smtp, imap, settings.imap().user());
    }

    private static void requireFree(int port, String protocol) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (Exception e) {
            throw new IllegalStateException("The embedded mail server cannot listen for " + protocol + " on port " + port
                    + ": it is in use (another caregap, or a mail server). Set caregap.mail."
                    + protocol.toLowerCase(java.util.Locale.ROOT) + ".port to a free port, or caregap.mail.embedded=false"
                    + " with a real mail server.", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Before Camel's routes start (they may poll or send at once), after them when stopping. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** The running server, for tests and tools that read what it received. */
    public synchronized GreenMail server() {
        return server;
    }
}
