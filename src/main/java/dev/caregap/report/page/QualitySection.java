package dev.caregap.report.page;

import dev.caregap.quality.ExportQuality;
import dev.caregap.report.Html;
import dev.caregap.report.Numbers;
import dev.caregap.run.RunReport;

import java.util.function.ToLongFunction;

/** What was read and what became of it, per export of the run, with the totals. */
final class QualitySection {

    private QualitySection() {
    }

    static void write(RunReport run, StringBuilder page) {
        page.append("<section id=\"data-quality\">\n<h2>Data quality</h2>\n<div class=\"scroll\"><table>\n<thead><tr>")
                .append("<th>Export</th><th class=\"text\">Layout</th><th class=\"text\">Received</th><th>Read</th><th>Included</th>")
                .append("<th>Did not finish</th><th>Under age</th><th>Duplicate</th><th>No segment</th>")
                .append("<th>Answers set missing</th></tr></thead>\n<tbody>\n");
        for (ExportQuality q : run.quality()) {
            page.append("<tr><td>").append(Html.escape(q.fileName())).append("</td><td class=\"text\">").append(Html.escape(q.layout()))
                    .append("</td><td class=\"text\">").append(Html.escape(Numbers.when(q.receivedAt()))).append("</td>");
            counts(page, q.rowsRead(), q.included(), q.incomplete(), q.ineligible(), q.duplicate(), q.noSegment(),
                    q.answersSetMissing());
            page.append("</tr>\n");
        }
        page.append("</tbody>\n<tfoot><tr><td>All ").append(Numbers.count(run.quality().size()))
                .append(" exports</td><td></td><td></td>");
        counts(page, sum(run, ExportQuality::rowsRead), sum(run, ExportQuality::included), sum(run, ExportQuality::incomplete),
                sum(run, ExportQuality::ineligible), sum(run, ExportQuality::duplicate), sum(run, ExportQuality::noSegment),
                sum(run, ExportQuality::answersSetMissing));
        page.append("</tr></tfoot></table></div>\n<p class=\"note\">Respondents read, those who count in the figures, "
                + "and those left out and why. Answers set missing were unreadable or corrected: each is listed in "
                + "data-issues.csv with file, row and column.</p>\n</section>\n");
    }

    private static void counts(StringBuilder page, long... counts) {
        for (long c : counts) {
            page.append("<td>").append(Numbers.count(c)).append("</td>");
        }
    }

    private static long sum(RunReport run, ToLongFunction<ExportQuality> count) {
        return run.quality().stream().mapToLong(count).sum();
    }
}
