package dev.caregap.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work announced in memory starts at once: an ingested export wakes the run worker, a computed run the delivery.
 * The workers' poll is set to an hour here, so only those knocks can have moved the run to its result files within
 * the test's time (the poll itself looked once, at the start, before the file was dropped).
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)  // before @SpringBootTest: deletes the home once Spring closed
@SpringBootTest
@DirtiesContext
class WakeUpIT {

    private static final Path home = SampleRunContract.newHome();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SampleRunContract.folders(registry, home);
        registry.add("caregap.work.poll", () -> "1h");
        registry.add("caregap.runs.quiet", () -> "0s");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anExportDroppedAfterThePollLookedIsComputedAndDeliveredWithoutWaitingForTheNextPoll() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.copy(SampleRunContract.PROJECT.resolve("sample-input/tidy-business.csv"), inbox.resolve("tidy-business.csv"));
        Files.createFile(inbox.resolve("tidy-business.csv.done"));

        Path figures = home.resolve("results/care-gap/latest/figures.csv");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> Files.isRegularFile(figures));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from study_run where status = 'DELIVERED'") == 1);
        assertThat(count("select count(*) from survey_export where status = 'INGESTED'")).isEqualTo(1);
        assertThat(Files.readAllLines(figures)).as("the run's figures, not an empty file").hasSizeGreaterThan(100);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
