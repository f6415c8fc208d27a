package dev.caregap.deliver;

import dev.caregap.ingest.IntakeText;
import dev.caregap.respondent.Exclusion;
import dev.caregap.store.MailMessageStore;
import dev.caregap.store.MailMessageStore.Attachment;
import dev.caregap.store.MailMessageStore.Receipt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain text of a receipt: what became of a mailed message and each of its attachments. */
final class ReceiptText {

    private ReceiptText() {
    }

    static String of(Receipt receipt, Path results) {
        String nl = "\n";
        StringBuilder text = new StringBuilder();
        text.append("caregap received your message \"").append(shown(receipt.subject())).append('"');
        if (receipt.receivedAt() != null) {
            text.append(" of ").append(receipt.receivedAt());
        }
        if (receipt.messageId() != null) {
            text.append(" (Message-ID ").append(shown(receipt.messageId())).append(')');
        }
        text.append('.').append(nl).append(nl);
        if (!MailMessageStore.DONE.equals(receipt.status())) {
            text.append("It could not be used: ").append(shown(receipt.reason())).append(nl)
                    .append("Nothing of it was stored. Fix it and send it again.").append(nl);
            return text.toString();
        }
        text.append("Attachments:").append(nl);
        for (Attachment attachment : receipt.attachments()) {
            text.append(nl).append(attachment.position()).append(". ").append(shown(attachment.name())).append(": ");
            switch (attachment.status()) {
                case MailMessageStore.ACCEPTED -> accepted(text, attachment);
                case MailMessageStore.REPEAT -> text.append("a repeat: ").append(shown(attachment.reason())).append(nl);
                default -> text.append("rejected: ").append(shown(attachment.reason())).append(nl);
            }
        }
        text.append(nl);
        if (receipt.runId() != null) {
            Path folder = results.resolve(receipt.runStudy()).resolve("run-%05d".formatted(receipt.runId()));
            text.append("Figures: run ").append(receipt.runId()).append(" of ").append(receipt.runStudy())
                    .append(" holds them, in ").append(folder).append(nl)
                    .append("(").append(results.resolve(receipt.runStudy()).resolve("latest"))
                    .append(" always points at the newest run.)").append(nl);
        } else if (receipt.attachments().stream().anyMatch(a -> MailMessageStore.ACCEPTED.equals(a.status()))) {
            text.append("Figures: the run holding them was not computed yet; ")
                    .append("the results folder's latest run will hold them.").append(nl);
        } else {
            text.append("No export of this message was ingested, so no figures changed.").append(nl);
        }
        return text.toString();
    }

    private static void accepted(StringBuilder text, Attachment a) {
        String nl = "\n";
        text.append("accepted as export ").append(a.exportId()).append(" (study ").append(a.study()).append(')').append(nl);
        long excluded = a.incomplete() + a.ineligible() + a.duplicate() + a.noSegment();
        text.append(String.format(Locale.ROOT, "   %,d rows read, %,d included, %,d excluded", a.rowsRead(), a.included(), excluded));
        List<String> reasons = new ArrayList<>();
        reason(reasons, a.incomplete(), Exclusion.INCOMPLETE);
        reason(reasons, a.ineligible(), Exclusion.INELIGIBLE);
        reason(reasons, a.duplicate(), Exclusion.DUPLICATE);
        reason(reasons, a.noSegment(), Exclusion.NO_SEGMENT);
        text.append(reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")").append(nl);
        if (a.issues() > 0) {
            text.append(String.format(Locale.ROOT, "   %,d values set missing or corrected; the first:", a.issues())).append(nl);
            for (String issue : a.firstIssues()) {
                text.append("   - ").append(shown(issue)).append(nl);
            }
        }
    }

    private static void reason(List<String> reasons, long count, Exclusion exclusion) {
        if (count > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d %s", count, exclusion.reason()));
        }
    }

    private static String shown(String text) {
        return text == null ? "" : IntakeText.shown(text);
    }
}
