package dev.caregap.quality;

import java.time.Instant;
import java.util.List;

/**
 * The data-quality account of one export: what was read and what became of it.
 *
 * @param exportId   the export's number in the store
 * @param fileName   the file's name as received
 * @param source     where it came from (the watched folder, a mailbox)
 * @param receivedAt when it arrived
 * @param layout     the layout recognised
 * @param rowsRead   data rows read (respondents read)
 * @param included   respondents who count in the figures
 * @param incomplete excluded: did not finish
 * @param ineligible excluded: under the minimum age
 * @param duplicate  excluded: a later response of the same respondent counts instead
 * @param noSegment  excluded: segment not recognised
 * @param issues     values set missing or corrected, by column and reason
 * @param provenance for a mailed export: sender, subject, Message-ID, received time and attachment; else empty
 */
public record ExportQuality(long exportId, String fileName, String source, Instant receivedAt, String layout,
                            long rowsRead, long included, long incomplete, long ineligible, long duplicate,
                            long noSegment, List<IssueCount> issues, String provenance) {

    public ExportQuality {
        issues = List.copyOf(issues);
        provenance = provenance == null ? "" : provenance;
    }

    /** An export with no provenance beyond its source (a dropped file). */
    public ExportQuality(long exportId, String fileName, String source, Instant receivedAt, String layout, long rowsRead,
                         long included, long incomplete, long ineligible, long duplicate, long noSegment,
                         List<IssueCount> issues) {
        this(exportId, fileName, source, receivedAt, layout, rowsRead, included, incomplete, ineligible, duplicate,
                noSegment, issues, "");
    }

    /** The provenance of a mailed export, as one line. */
    public static String mailed(String sender, String subject, String messageId, Instant receivedAt, String attachment) {
        return "mail from " + sender + "; subject \"" + (subject == null ? "" : subject) + "\"; Message-ID "
                + (messageId == null ? "(none)" : messageId) + "; received " + (receivedAt == null ? "" : receivedAt)
                + "; attachment " + attachment;
    }

    public long answersSetMissing() {
        return issues.stream().mapToLong(IssueCount::count).sum();
    }
}
