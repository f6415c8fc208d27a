package dev.caregap.ingest;

import dev.caregap.config.Studies;
import dev.caregap.read.ExportReader;
import dev.caregap.store.ExportStore;
import dev.caregap.store.RespondentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingestion against the embedded H2 with the real migrations, without the routes. */
@JdbcTest
@Import({ExportIngestion.class, ExportStore.class, RespondentStore.class, ExportIngestionTest.Core.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ExportIngestionTest {

    @TestConfiguration
    static class Core {
        @Bean
        Studies studies() {
            return new Studies(Path.of("studies"));
        }

        @Bean
        ExportReader exportReader(Studies studies) {
            return new ExportReader(studies.all());
        }
    }

    @Autowired
    ExportIngestion ingestion;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

    @Test
    void aFileThatBreaksAfterThousandsOfRowsLeavesNothingStored() throws IOException {
        Path file = tidy("broken.csv", 5_000, true);
        IngestOutcome outcome = ingestion.ingest(arrival(file));
        assertThat(outcome.rejected()).isTrue();
        assertThat(outcome.reason()).contains("ends inside a quoted field").contains("row 5002");
        assertThat(jdbc.queryForObject("select count(*) from respondent where export_id = ?", Long.class, outcome.exportId())).isZero();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, outcome.exportId()))
                .isEqualTo("REJECTED");
    }

    @Test
    void theSameContentTwiceIsARepeatWhateverItsName() throws IOException {
        Path first = tidy("wave-1.csv", 40, false);
        Path renamed = Files.copy(first, folder.resolve("wave-1 (copy).csv"));
        IngestOutcome ingested = ingestion.ingest(arrival(first));
        IngestOutcome repeat = ingestion.ingest(arrival(renamed));
        assertThat(ingested.ingested()).isTrue();
        assertThat(ingested.rowsRead()).isEqualTo(40);
        assertThat(repeat.repeat()).isTrue();
        assertThat(repeat.reason()).contains("export " + ingested.exportId());
        assertThat(jdbc.queryForObject("select count(*) from respondent where export_id = ?", Long.class, repeat.exportId())).isZero();
    }

    @Test
    void aHeaderOnlyExportIsAcceptedWithNoRespondentsAndSaysSo() throws IOException {
        IngestOutcome outcome = ingestion.ingest(arrival(tidy("empty-wave.csv", 0, false)));
        assertThat(outcome.ingested()).isTrue();
        assertThat(outcome.rowsRead()).isZero();
        assertThat(outcome.summary()).contains("0 respondents read").contains("accepted with 0 respondents");
    }

    /** A tidy business export with a unique respondent id per row; optionally cut inside a quoted comment. */
    private Path tidy(String name, int rows, boolean truncated) throws IOException {
        Path file = folder.resolve(name);
        String run = Long.toString(System.nanoTime(), 36);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("respondent_id,end_date,B_COUNTRY,B_CARE,B_USES_MOBILE,B_NO_MOBILE_REASONS_OTHER\n");
            for (int i = 0; i < rows; i++) {
                out.write(run + "-" + i + ",2026-03-01T10:00:00Z,US,Agree,No,\"fine, thanks\"\n");
            }
            if (truncated) {
                out.write(run + "-x,2026-03-01T10:00:00Z,US,Agree,No,\"this comment never ends\n");
            }
        }
        return file;
    }

    private static Arrival arrival(Path file) {
        return Arrival.of(file, file.getFileName().toString(), "test", Instant.now());
    }
}
