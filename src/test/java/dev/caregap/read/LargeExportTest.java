package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.caregap.read.TestExports.READER;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows are streamed: a large file is read row by row, and only the header mapping is held. */
class LargeExportTest {

    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    @Test
    void streamsTwoHundredThousandRows() throws IOException {
        Path file = dir.resolve("large.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("respondent_id,end_date,C_COUNTRY,C_AGE,C_CARE,C_PREF_CHANNELS,C_COMMENT\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write(i + ",2024-03-01T10:00:00Z,United States," + (18 + i % 70)
                        + ",Agree,\"Email, Phone call\",\"Row " + i + " says \"\"hello\"\"\"\n");
            }
        }

        long read = 0;
        long lastRow = 0;
        try (Export export = READER.open(file)) {
            while (export.hasNext()) {
                RawResponse response = export.next();
                read++;
                lastRow = response.row();
            }
        }

        assertThat(read).isEqualTo(ROWS);
        assertThat(lastRow).isEqualTo(ROWS + 1);
    }
}
