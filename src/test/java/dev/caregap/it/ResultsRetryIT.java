package dev.caregap.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Result files are a delivery in the outbox: when the results folder cannot be written (here a plain file
 * stands where the folder should be, which stops root as well as anyone), the delivery fails visibly and is
 * tried again with back-off; once the folder can be written, the files appear without a new drop. The run here
 * stands for one computed by a version that wrote all its files in one delivery too: without a row for its
 * response files, which the result files' delivery adds.
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)  // before @SpringBootTest: deletes the home once Spring closed
@SpringBootTest
@DirtiesContext
class ResultsRetryIT {

    private static final Path home = SampleRunContract.newHome();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SampleRunContract.folders(registry, home);
        registry.add("caregap.runs.quiet", () -> "200ms");
        registry.add("caregap.deliveries.backoff", () -> "200ms");
        registry.add("caregap.deliveries.max-backoff", () -> "1s");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void resultFilesThatCannotBeWrittenAreRetriedAndAppearOnceTheFolderCanBeWrittenResponseFilesAddedEvenWithoutTheirRow()
            throws IOException {
        Path results = home.resolve("results");
        FileSystemUtils.deleteRecursively(results);  // made empty at start-up
        Files.writeString(results, "in the way of the results folder");
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Path staged = Files.copy(SampleRunContract.PROJECT.resolve("sample-input/tidy-business.csv"), home.resolve("tidy-business.csv.part"));
        Files.move(staged, inbox.resolve("tidy-business.csv"), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                count("select count(*) from delivery where status = 'PENDING' and attempts >= 3 and reason is not null") == 1);
        assertThat(count("select count(*) from study_run where status = 'COMPUTED'")).as("computed, not yet delivered").isEqualTo(1);
        assertThat(jdbc.queryForObject("select reason from delivery where deliverable = 'result-files'", String.class))
                .contains("results");
        assertThat(jdbc.queryForObject("select attempts from delivery where deliverable = 'response-files'", Integer.class))
                .as("the response files wait for the result files, untried").isZero();
        // as a run computed by a version that wrote all its files at once has no row for its response files
        assertThat(jdbc.update("delete from delivery where deliverable = 'response-files'")).isEqualTo(1);

        Files.delete(results);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                Files.isRegularFile(results.resolve("care-gap/latest/figures.csv")));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from study_run where status = 'DELIVERED'") == 1);
        assertThat(jdbc.queryForList("select deliverable from delivery where status = 'DONE' order by id", String.class))
                .containsExactly("result-files", "response-files");
        assertThat(results.resolve("care-gap/latest/run.json")).isRegularFile();
        assertThat(results.resolve("care-gap/latest/report.xlsx")).as("there once the run is delivered").isRegularFile();
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
