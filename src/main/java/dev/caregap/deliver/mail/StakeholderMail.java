package dev.caregap.deliver.mail;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailSettings;
import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.Deliverable;
import dev.caregap.deliver.Undeliverable;
import dev.caregap.report.Audience;
import dev.caregap.report.page.ReportPage;
import dev.caregap.report.summary.Summary;
import dev.caregap.report.summary.SummaryMessage;
import dev.caregap.report.workbook.ReportWorkbook;
import dev.caregap.results.ResultFiles;
import dev.caregap.run.RunReport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stakeholder's summary of a run by e-mail: the summary of the figures they see, with the attachments they
 * chose, written first as results/&lt;study&gt;/&lt;run&gt;/mail/&lt;recipient&gt;.eml and then sent. Two deliverables
 * share it: {@code summary-mail} (each delivered run; its rows are made with the run's) and {@code digest-mail}
 * (one a day; its rows are made by the digest worker, none with the run). Sending again after a crash sends the
 * same Message-ID.
 */
public class StakeholderMail implements Deliverable {

    public static final String SUMMARY = "summary-mail";
    public static final String DIGEST = "digest-mail";

    private static final Logger log = LoggerFactory.getLogger(StakeholderMail.class);
    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String FIGURES_CSV = "figures.csv";

    private final String name;
    private final Stakeholders stakeholders;
    private final MailSettings mail;
    private final Path results;
    private final MailSender sender;

    public StakeholderMail(String name, Stakeholders stakeholders, MailSettings mail, CaregapProperties settings, MailSender sender) {
        this.name = name;
        this.stakeholders = stakeholders;
        this.mail = mail;
        this.results = settings.results();
        this.sender = sender;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> recipients(String study) {
        return SUMMARY.equals(name) ? stakeholders.eachRun(study) : List.of();
    }

    @Override
    public String deliver(RunReport report, String recipient) throws Exception {
        String study = report.study().id();
        Stakeholder stakeholder = stakeholders.byAddress(recipient).orElseThrow(() -> new Undeliverable(
                "no stakeholder " + recipient + " in " + stakeholders.file() + " any more", null));
        Audience audience = stakeholder.audience(study);
        if (audience == null) {
            throw new Undeliverable("the stakeholder " + recipient + " no longer follows " + study, null);
        }
        Path runFolder = results.resolve(study).resolve(report.name());
        if (!Files.isDirectory(runFolder)) {
            throw new IllegalStateException("the results folder " + runFolder + " of the run is not there (yet)");
        }
        Summary summary = SummaryMessage.of(report, audience);
        MimeMessage message = SummaryMail.message(summary, SummaryMail.messageId(report.name(), name, recipient, study),
                mail.from(), recipient, Instant.now(), attachments(report, stakeholder, audience, runFolder));
        Path copy = runFolder.resolve(ResultFiles.MAIL).resolve(SummaryMail.fileName(recipient));
        write(message, copy);  // before sending: a stop right after the send leaves the copy of what was sent
        try {
            sender.send(message, recipient);
        } catch (RuntimeException notSent) {
            // the copies are of what was sent: refused for good, or tried again later (and written again then)
            Files.deleteIfExists(copy);
            throw notSent;
        }
        log.info("Run {} of {}: {} sent to {} ({})", report.runId(), study, name, recipient, stakeholder.name());
        return recipient;
    }

    private List<SummaryMail.Attachment> attachments(RunReport report, Stakeholder stakeholder, Audience audience,
                                                     Path runFolder) throws IOException {
        List<SummaryMail.Attachment> files = new ArrayList<>();
        String prefix = report.study().id() + "-" + report.name() + "-";
        Path scratch = Files.createTempDirectory("caregap-mail-");
        try {
            for (Stakeholder.Attachment attachment : Stakeholder.Attachment.values()) {  // always in one order
                if (!stakeholder.attachments().contains(attachment)) {
                    continue;
                }
                switch (attachment) {
                    case XLSX -> {
                        Path file = scratch.resolve(ReportWorkbook.FILE);
                        // no answers sheet in a mail: it grows with the study (past what mail servers take); the
                        // run folder's report.xlsx and responses.csv hold the answers
                        ReportWorkbook.write(report, audience, null, file);
                        files.add(new SummaryMail.Attachment(prefix + ReportWorkbook.FILE, XLSX_TYPE, Files.readAllBytes(file)));
                    }
                    case HTML -> {
                        Path file = scratch.resolve(ReportPage.FILE);
                        ReportPage.write(report, audience, file);
                        files.add(new SummaryMail.Attachment(prefix + ReportPage.FILE, "text/html; charset=UTF-8",
                                Files.readAllBytes(file)));
                    }
                    case CSV -> files.add(new SummaryMail.Attachment(prefix + FIGURES_CSV, "text/csv; charset=UTF-8",
                            Files.readAllBytes(runFolder.resolve(FIGURES_CSV))));
                }
            }
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
        return files;
    }

    /** The copy on disk, complete or not at all (written aside, then renamed). */
    private static void write(MimeMessage message, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
