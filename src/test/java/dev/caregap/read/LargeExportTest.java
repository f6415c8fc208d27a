package dev.caregap.read;

import dev.caregap.SmallHeap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.caregap.read.TestExports.READER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows are streamed: a large export is read in a JVM whose heap cannot hold its rows. The same JVM keeping
 * the rows runs out of memory, which shows the heap is small enough for the first test to mean something.
 */
class LargeExportTest {

    private static final int ROWS = 200_000;
    private static final int HEAP_MB = 64;

    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void writeLargeExport() throws IOException {
        file = dir.resolve("large.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("respondent_id,end_date,C_COUNTRY,C_AGE,C_CARE,C_PREF_CHANNELS,C_COMMENT\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write(i + ",2024-03-01T10:00:00Z,United States," + (18 + i % 70)
                        + ",Agree,\"Email, Phone call\",\"Row " + i + " says \"\"hello\"\"\"\n");
            }
        }
    }

    @Test
    void readsTwoHundredThousandRowsInAHeapTooSmallToHoldThem() {
        SmallHeap.Run run = SmallHeap.run(HEAP_MB, ReadLargeExport.class, file.toString(), "stream");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("read " + ROWS + " rows, the last on row " + (ROWS + 1));
    }

    @Test
    void keepingTheRowsDoesNotFitInThatHeap() {
        SmallHeap.Run run = SmallHeap.run(HEAP_MB, ReadLargeExport.class, file.toString(), "keep");

        assertThat(run.ranOutOfMemory()).as(run.output()).isTrue();
    }

    /** Reads the export given, streaming ("stream") or keeping every row ("keep"), and says what it read. */
    static final class ReadLargeExport {

        public static void main(String[] args) {
            boolean keep = args[1].equals("keep");
            List<RawResponse> kept = new ArrayList<>();
            long read = 0;
            long lastRow = 0;
            try (Export export = READER.open(Path.of(args[0]))) {
                while (export.hasNext()) {
                    RawResponse response = export.next();
                    if (keep) {
                        kept.add(response);
                    }
                    read++;
                    lastRow = response.row();
                }
            }
            System.out.println("read " + read + " rows, the last on row " + lastRow + (keep ? ", kept " + kept.size() : ""));
        }
    }
}
