package dev.caregap.ingest;

import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReadingProgressTest {

    @Test
    void aQuarterOfTheFileInTenSecondsLeavesAboutThirtySecondsAtFourHundredRowsASecond() {
        ReadingProgress progress = new ReadingProgress();
        ReadingProgress.Reading reading = progress.start(7, "big-wave.csv", 4_000_000);
        for (int row = 1; row <= 4_000; row++) {
            reading.row(row * 250L);  // 250 bytes a row: 1,000,000 bytes after 4,000 rows
        }
        ReadingProgress.Snapshot snapshot = reading.snapshot(reading.startedAt().plusSeconds(10));
        assertThat(snapshot.rows()).isEqualTo(4_000);
        assertThat(snapshot.rowsPerSecond()).isCloseTo(400.0, within(0.001));
        assertThat(snapshot.fraction()).isCloseTo(0.25, within(0.0001));
        assertThat(snapshot.secondsLeft()).isEqualTo(30);
        assertThat(snapshot.summary()).isEqualTo("Reading export 7 big-wave.csv: 4,000 rows so far (400 rows/s), 25% of 4.0 MB, about 30 s left");
    }

    @Test
    void aSmallFileIsMeasuredInKilobytes() {
        ReadingProgress.Reading reading = new ReadingProgress().start(3, "wave.csv", 60_500);
        reading.row(60_500);
        assertThat(reading.snapshot(reading.startedAt().plusSeconds(10)).summary())
                .isEqualTo("Reading export 3 wave.csv: 1 rows so far (0 rows/s), 100% of 61 KB, about 0 s left");
    }

    @Test
    void aWorkbookShowsRowsAndRateButNoEstimate() {
        ReadingProgress.Reading reading = new ReadingProgress().start(8, "wave.xlsx", 1_000_000);
        reading.row(-1);
        ReadingProgress.Snapshot snapshot = reading.snapshot(reading.startedAt().plusSeconds(4));
        assertThat(snapshot.fraction()).isEqualTo(-1);
        assertThat(snapshot.secondsLeft()).isEqualTo(-1);
        assertThat(snapshot.summary()).isEqualTo("Reading export 8 wave.xlsx: 1 rows so far (0 rows/s)");
    }

    @Test
    void anExportNoLongerReadLeavesTheProgress() {
        ReadingProgress progress = new ReadingProgress();
        ReadingProgress.Reading reading = progress.start(9, "wave.csv", 100);
        assertThat(progress.now()).extracting(ReadingProgress.Snapshot::exportId).containsExactly(9L);
        reading.close();
        assertThat(progress.now()).isEmpty();
    }

    @Test
    void aCsvExportReadToItsEndHasReadEveryByteOfItsFile() throws Exception {
        Path file = Path.of("sample-input/qualtrics-consumers.csv");
        ExportReader reader = new ExportReader(List.of(StudyDefinitions.read(Path.of("studies/care-gap.yaml"))));
        try (Export export = reader.open(file)) {
            long before = export.bytesRead();
            assertThat(before).isBetween(1L, Files.size(file));
            while (export.hasNext()) {
                export.next();
            }
            assertThat(export.bytesRead()).isEqualTo(Files.size(file));
        }
    }
}
