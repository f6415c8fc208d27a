package dev.caregap.report.page;

import dev.caregap.figures.Figure;
import dev.caregap.report.Audience;
import dev.caregap.results.Percent;
import dev.caregap.run.RunReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** PLACEHOLDER until the report page lands: the audience's total figures as a table. */
public final class ReportPage {

    public static final String FILE = "report.html";

    private ReportPage() {
    }

    public static void write(RunReport report, Audience audience, Path file) throws IOException {
        RunReport seen = audience.apply(report);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(seen.study().title())).append("</title></head><body><table>");
        for (Figure f : seen.figures()) {
            if (f.isTotal()) {
                html.append("<tr><td>").append(escape(f.label())).append("</td><td>")
                        .append(escape(f.answer() == null ? "" : f.answer())).append("</td><td>")
                        .append(Percent.of(f.share())).append("</td></tr>");
            }
        }
        Files.writeString(file, html.append("</table></body></html>"), StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
