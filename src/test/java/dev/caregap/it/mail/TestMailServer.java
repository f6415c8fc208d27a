package dev.caregap.it.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A mail server of the test's own (GreenMail on free ports, never the fixed 3025/3143), with what a test needs
 * around it: mailing raw messages over SMTP (as {@code curl --upload-file} does, so a malformed one arrives as it
 * is), building messages with attachments, and reading a mailbox folder over IMAP.
 */
public final class TestMailServer implements AutoCloseable {

    public static final String SURVEYS = "surveys@localhost";
    public static final String SURVEYS_PASSWORD = "surveys";

    private final GreenMail server;

    public TestMailServer() {
        server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        server.start();
        server.setUser(SURVEYS, SURVEYS, SURVEYS_PASSWORD);
    }

    public int smtpPort() {
        return server.getSmtp().getPort();
    }

    public int imapPort() {
        return server.getImap().getPort();
    }

    /** The service's arguments (or properties) that point it at this server, with the mail drop on. */
    public List<String> serviceArguments() {
        return List.of("--caregap.mail.embedded=false", "--caregap.mail-drop.enabled=true",
                "--caregap.mail.smtp.port=" + smtpPort(), "--caregap.mail.imap.port=" + imapPort(),
                "--caregap.mail.smtp.host=127.0.0.1", "--caregap.mail.imap.host=127.0.0.1",
                "--caregap.mail-drop.allowed-senders=@localhost");
    }

    /** Mails raw message bytes to {@code to} over SMTP, as they are. */
    public void send(String from, String to, byte[] raw) {
        try (Socket socket = new Socket("127.0.0.1", smtpPort())) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO test", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
            StringBuilder dotted = new StringBuilder();
            for (String line : text.split("\r\n", -1)) {
                dotted.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write(dotted.toString().getBytes(StandardCharsets.ISO_8859_1));
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
        } catch (IOException e) {
            throw new UncheckedIOException("could not mail the test message", e);
        }
    }

    private static void command(OutputStream out, BufferedReader in, String command, String expected) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("the SMTP server answered " + line + ", not " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Files as a message's attachments: each under its file name, with its bytes, in the order given. */
    public static Map<String, byte[]> attachments(List<Path> files) {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                attachments.put(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the attachment " + file, e);
            }
        }
        return attachments;
    }

    /** A message from {@code from} to surveys@localhost with these attachments (name to content), as raw bytes. */
    public static byte[] message(String from, String subject, String messageId, Map<String, byte[]> attachments) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(SURVEYS));
            message.setSubject(subject, "UTF-8");
            MimeMultipart multipart = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText("The exports of this week.", "UTF-8");
            multipart.addBodyPart(text);
            for (Map.Entry<String, byte[]> attachment : attachments.entrySet()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setContent(attachment.getValue(), "application/octet-stream");
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                part.setFileName(attachment.getKey());
                part.setHeader("Content-Transfer-Encoding", "base64");
                multipart.addBodyPart(part);
            }
            message.setContent(multipart);
            message.saveChanges();
            if (messageId == null) {
                message.removeHeader("Message-ID");
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return raw.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not build the test message", e);
        }
    }

    /** A message read back: its subject and its text (the first text part). */
    public record Mail(String from, String subject, String text) {
    }

    /** The subjects of the messages in a folder of a mailbox; their text is not fetched (it may be malformed). */
    public List<String> subjects(String user, String folderName) {
        return read(user, folderName, false).stream().map(Mail::subject).toList();
    }

    /** The messages in a folder of a mailbox, with their text. */
    public List<Mail> folder(String user, String folderName) {
        return read(user, folderName, true);
    }

    /** The messages in a folder of a mailbox (user = address; the password is the address unless it is surveys). */
    private List<Mail> read(String user, String folderName, boolean withText) {
        Properties properties = new Properties();
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", imapPort(), user, SURVEYS.equals(user) ? SURVEYS_PASSWORD : user);
            try {
                Folder folder = store.getFolder(folderName);
                if (!folder.exists()) {
                    return List.of();
                }
                folder.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    mails.add(new Mail(message.getFrom() == null ? null : ((InternetAddress) message.getFrom()[0]).getAddress(),
                            message.getSubject(), withText ? text(message) : null));
                }
                folder.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of();  // no mailbox yet: nothing was ever delivered to it
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read " + folderName + " of " + user, e);
        }
    }

    private static String text(jakarta.mail.Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = text(body);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop();
    }
}
