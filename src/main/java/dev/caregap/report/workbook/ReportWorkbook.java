package dev.caregap.report.workbook;

import dev.caregap.report.Audience;
import dev.caregap.run.ResponseSource;
import dev.caregap.run.RunReport;
import dev.caregap.study.Breakdown;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * report.xlsx: a run's results as a workbook for people who open Excel, not CSV. Its sheets:
 * <ul>
 *   <li><b>Summary</b>: the headline gaps with both shares, interval, p-value, significance, low-base flag and the
 *       change since the run delivered before; a bar chart of the gaps; the other headline figures;</li>
 *   <li><b>Figures</b>: every figure, numbers as numbers (shares formatted as percent, gaps in points);</li>
 *   <li>one <b>crosstab</b> per breakdown: each figure down the side, the groups across with count, base,
 *       share and significance letters (see {@link ColumnLetters});</li>
 *   <li><b>Data quality</b>: per export, what was read, included and excluded, and why;</li>
 *   <li><b>Responses</b>: the cleaned tidy data, as responses.csv (when a response source is given).</li>
 * </ul>
 * Every sheet keeps its header rows in view. Text, answers above all, is always a string cell, never a formula.
 * Everything comes from the study definition and the run: a new study needs no change here.
 */
public final class ReportWorkbook {

    public static final String FILE = "report.xlsx";

    /** Rows a streaming sheet keeps in memory; older rows go to a temporary file. */
    private static final int STREAMING_WINDOW = 200;

    private ReportWorkbook() {
    }

    /**
     * Writes the workbook of the run as the audience sees it.
     *
     * @param report    the run
     * @param audience  whom it is for: {@link Audience#EVERYONE}, or a group or segment (named in the titles)
     * @param responses the included respondents for the Responses sheet; null for none
     * @param file      the file to write (replaced if it exists)
     */
    public static void write(RunReport report, Audience audience, ResponseSource responses, Path file) throws IOException {
        write(report, audience, responses, file, ResponsesSheet.EXCEL_ROWS);
    }

    /** As {@link #write(RunReport, Audience, ResponseSource, Path)} with room for at most {@code responseRows} rows in the Responses sheet. */
    static void write(RunReport report, Audience audience, ResponseSource responses, Path file, int responseRows)
            throws IOException {
        write(report, audience, responses == null ? null : ResponseRows.of(report.study(), responses), file, responseRows);
    }

    /**
     * Writes the workbook with the Responses sheet taken from rows as responses.csv has them (null for no sheet), with
     * room for at most {@code responseRows} rows there (header and closing note among them).
     */
    public static void write(RunReport report, Audience audience, ResponseRows responses, Path file, int responseRows)
            throws IOException {
        RunReport seen = audience.apply(report);
        XSSFWorkbook book = new XSSFWorkbook();
        Styles styles = new Styles(book);
        // The Summary is built whole (its chart needs the full model); the other sheets stream, row by row.
        SummarySheet.write(new SheetWriter(book.createSheet(SummarySheet.NAME), styles), seen, audience);
        try (SXSSFWorkbook streaming = new Streaming(book)) {
            try {
                FiguresSheet.write(new SheetWriter(streaming.createSheet(FiguresSheet.NAME), styles), seen);
                for (Breakdown breakdown : seen.study().breakdowns()) {
                    if (CrosstabSheet.applies(breakdown, seen.figures())) {
                        CrosstabSheet.write(new SheetWriter(newSheet(streaming, breakdown.label()), styles), breakdown,
                                seen.figures());
                    }
                }
                QualitySheet.write(new SheetWriter(streaming.createSheet(QualitySheet.NAME), styles), seen.quality());
                if (responses != null) {
                    ResponsesSheet.write(new SheetWriter(streaming.createSheet(ResponsesSheet.NAME), styles),
                            seen.study(), responses, responseRows);
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    streaming.write(out);
                }
            } finally {
                streaming.dispose();  // the streamed rows' temporary files
            }
        }
    }

    /**
     * A streaming workbook that writes its sheets' XML through a writer without a lock per character and deflates the
     * .xlsx at the fastest level: a Responses sheet of 100,000 rows is mostly repetitive XML, which that level still
     * packs well, and writing and deflating it were each about a third of the workbook's time.
     */
    private static final class Streaming extends SXSSFWorkbook {
        Streaming(XSSFWorkbook book) {
            super(book, STREAMING_WINDOW);
            // temporary files stay plain: gzip would deflate every streamed row once more before the .xlsx does
            setCompressTempFiles(false);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new SheetDataWriter(getSharedStringSource()) {
                @Override
                public Writer createWriter(File file) throws IOException {
                    return new UnlockedWriter(new OutputStreamWriter(
                            decorateOutputStream(new FileOutputStream(file)), StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    /** A sheet named after a breakdown: a name Excel accepts (31 characters, no [ ] : * ? / \), not yet taken. */
    private static Sheet newSheet(Workbook book, String label) {
        String base = WorkbookUtil.createSafeSheetName(label == null || label.isBlank() ? "Breakdown" : label);
        String name = base;
        for (int n = 2; taken(book, name); n++) {
            String suffix = " " + n;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return book.createSheet(name);
    }

    private static boolean taken(Workbook book, String name) {
        // Excel compares sheet names ignoring case, and reserves "History"
        return book.getSheetIndex(name) >= 0 || name.toLowerCase(Locale.ROOT).equals("history")
                || book.getSheet(name) != null;
    }
}
