package dev.caregap.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowFileTest {

    @TempDir
    Path folder;

    @Test
    void rowsComeBackAsWrittenWithTheirMissingValuesAndNonAsciiText() {
        Path file = folder.resolve("rows.bin");
        List<StoredRow> rows = List.of(
                new StoredRow(2, "consumer", "R_1aB", 1_700_000_000_123_456L, 1.25, null, "C_COUNTRY=1;C_COMMENT=0~Très bien%3B merci"),
                new StoredRow(3, null, null, null, 1.0, "NO_SEGMENT", ""));
        try (RowFile.Writer writer = new RowFile.Writer(file)) {
            rows.forEach(writer::write);
        }
        List<StoredRow> read = new ArrayList<>();
        try (RowFile.Reader reader = new RowFile.Reader(file, Long.MAX_VALUE)) {
            reader.forEachRemaining(read::add);
        }
        assertThat(read).containsExactlyElementsOf(rows);
    }

    @Test
    void aLimitStopsTheReadingThere() {
        Path file = folder.resolve("rows.bin");
        try (RowFile.Writer writer = new RowFile.Writer(file)) {
            for (int i = 0; i < 5; i++) {
                writer.write(new StoredRow(i, "brand", "R_" + i, null, 1, null, "Q=1"));
            }
        }
        List<Long> read = new ArrayList<>();
        try (RowFile.Reader reader = new RowFile.Reader(file, 3)) {
            reader.forEachRemaining(row -> read.add(row.rowNo()));
        }
        assertThat(read).containsExactly(0L, 1L, 2L);
    }
}
