package dev.caregap.report.workbook;

import dev.caregap.SmallHeap;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.report.Audience;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Responses sheet streams: more respondents than a small heap could hold as text alone are written into the
 * workbook. 200,000 respondents with seven text cells of about 200 characters in all take some 480 bytes each as Java
 * strings, 96 MB, in a 64 MB heap; as in-memory spreadsheet cells they would take many times that.
 */
class ResponsesInSmallHeapTest {

    private static final int MANY = 200_000;
    private static final int HEAP_MB = 64;

    @TempDir
    Path folder;

    @Test
    void manyRespondentsAreWrittenInAHeapTooSmallToHoldTheirAnswers() throws IOException {
        Path file = folder.resolve(ReportWorkbook.FILE);
        SmallHeap.Run run = SmallHeap.run(HEAP_MB, WriteMany.class, String.valueOf(MANY), file.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        // the Responses sheet is the workbook's last: its last row is the header's plus one per respondent
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String lastSheet = zip.stream().map(e -> e.getName()).filter(n -> n.matches("xl/worksheets/sheet\\d+\\.xml"))
                    .max((a, b) -> Integer.compare(number(a), number(b))).orElseThrow();
            try (InputStream in = zip.getInputStream(zip.getEntry(lastSheet))) {
                assertThat(contains(in, "<row r=\"" + (MANY + 1) + "\"")).isTrue();
            }
        }
    }

    private static int number(String sheet) {
        return Integer.parseInt(sheet.replaceAll("\\D", ""));
    }

    /** Whether the stream holds the text, read a block at a time. */
    private static boolean contains(InputStream in, String text) throws IOException {
        byte[] block = new byte[1 << 16];
        String carry = "";
        for (int n; (n = in.read(block)) > 0; ) {
            String chunk = carry + new String(block, 0, n, StandardCharsets.ISO_8859_1);
            if (chunk.contains(text)) {
                return true;
            }
            carry = chunk.substring(Math.max(0, chunk.length() - text.length()));
        }
        return false;
    }

    /** Writes a workbook with n made-up consumers, each made as it is handed over and not kept. */
    static final class WriteMany {

        public static void main(String[] args) throws IOException {
            int n = Integer.parseInt(args[0]);
            RunReport report = new RunReport(1, "run-00001", SampleRun.CARE_GAP, "many.csv", Instant.EPOCH,
                    new FigureCalculator(SampleRun.CARE_GAP).figures(), List.of(), 1);
            ReportWorkbook.write(report, Audience.EVERYONE, consumer -> {
                for (int i = 0; i < n; i++) {
                    consumer.accept("many.csv", new Respondent(i + 2, "R_" + i, "consumer",
                            Instant.EPOCH.plusSeconds(i), 1.0, null, List.of(
                            Answer.choice("C_COUNTRY", i % 3 + 1), Answer.choice("C_CARE", i % 5 + 1),
                            Answer.choice("C_MOBILE_SAT", i % 5 + 1), Answer.choice("C_PREF_CHANNELS", 1),
                            Answer.choice("C_PREF_CHANNELS", 2), Answer.choice("C_PREF_URGENT", i % 5 + 1),
                            Answer.text("C_COMMENT", "Respondent " + i + " would like companies to answer the "
                                    + "phone sooner and to stop sending the same offer twice a week."))));
                }
            }, Path.of(args[1]));
            System.out.println("WROTE " + n);
        }
    }
}
