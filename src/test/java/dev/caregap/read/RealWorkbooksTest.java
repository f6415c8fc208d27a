package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** The limits on what a workbook may cost leave real exports far below them. */
class RealWorkbooksTest {

    private static final int RESPONDENTS = 100_000;

    @TempDir
    Path dir;

    private static List<String[]> rowsOf(Path csv) {
        List<String[]> rows = new ArrayList<>();
        try (SheetRows sheet = ExportFile.open(csv, csv.getFileName().toString(), WorkbookLimits.DEFAULT)) {
            for (SheetRow row; (row = sheet.next()) != null; ) {
                rows.add(row.cells());
            }
        }
        return rows;
    }

    @Test
    void readsEachSampleExportSavedAsAWorkbookAsItReadsTheCsv() throws IOException {
        try (DirectoryStream<Path> samples = Files.newDirectoryStream(Path.of("sample-input"), "*.csv")) {
            for (Path csv : samples) {
                Path xlsx = dir.resolve(csv.getFileName() + ".xlsx");
                RowsWorkbook.write(xlsx, rowsOf(csv).iterator());

                List<RawResponse> fromCsv = readAll(csv);
                List<RawResponse> fromWorkbook = readAll(xlsx);
                assertThat(fromWorkbook).as(csv.toString()).isNotEmpty().hasSameSizeAs(fromCsv);
                for (int i = 0; i < fromCsv.size(); i++) {
                    assertThat(fromWorkbook.get(i)).as(csv + ", row " + fromCsv.get(i).row()).isEqualTo(fromCsv.get(i));
                }
            }
        }
    }

    /**
     * A Qualtrics workbook of 100,000 respondents whose start, end and recorded dates, ids, IP addresses and
     * locations are all different texts, as in a real export: about 600,000 shared texts of 7.4 million characters,
     * 140 MB of XML.
     */
    @Test
    void readsAHundredThousandRespondentQualtricsWorkbookWithinTheLimits() throws IOException {
        List<String[]> sample = rowsOf(Path.of("sample-input/qualtrics-consumers.csv"));
        List<String[]> header = sample.subList(0, 3);
        List<String[]> answers = sample.subList(3, sample.size());
        Path file = dir.resolve("hundred-thousand.xlsx");

        RowsWorkbook.Written written = RowsWorkbook.write(file, new Iterator<>() {
            int row;

            @Override
            public boolean hasNext() {
                return row < header.size() + RESPONDENTS;
            }

            @Override
            public String[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int r = row++;
                if (r < header.size()) {
                    return header.get(r);
                }
                return respondent(answers.get(r % answers.size()).clone(), r);
            }
        });
        System.out.printf("A %,d-respondent Qualtrics workbook: %,d bytes, %,d bytes unpacked, %,d shared texts of %,d characters%n",
                RESPONDENTS, Files.size(file), written.unpackedBytes(), written.sharedStrings(), written.sharedStringChars());

        long read = 0;
        RawResponse last = null;
        try (Export export = READER.open(file)) {
            while (export.hasNext()) {
                last = export.next();
                read++;
            }
        }

        assertThat(read).isEqualTo(RESPONDENTS);
        assertThat(last.respondentId()).isEqualTo("R_" + (header.size() + RESPONDENTS - 1));
        assertThat(written.sharedStrings()).isGreaterThan(500_000).isLessThan(WorkbookLimits.DEFAULT.sharedStrings() / 3);
        assertThat(written.sharedStringChars()).isLessThan(WorkbookLimits.DEFAULT.sharedStringChars() / 5);
        assertThat(written.unpackedBytes()).isLessThan(WorkbookLimits.DEFAULT.unpackedBytes() / 5);
    }

    /** Every value that differs between respondents of a real export made unique: dates, id, IP address, location. */
    private static String[] respondent(String[] cells, int r) {
        String day = "2024-" + two(1 + r % 12) + "-" + two(1 + r % 28) + " " + two(r % 24) + ":" + two(r / 24 % 60) + ":";
        cells[0] = day + two(r / 1440 % 60);
        cells[1] = day + two((r / 1440 + 7) % 60);
        cells[3] = "10." + (r >> 16 & 255) + "." + (r >> 8 & 255) + "." + (r & 255);
        cells[7] = day + two((r / 1440 + 8) % 60);
        cells[8] = "R_" + r;
        cells[13] = "30." + r;
        cells[14] = "-100." + r;
        return cells;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
