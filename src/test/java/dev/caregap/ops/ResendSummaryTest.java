package dev.caregap.ops;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.report.Audience;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.OperationsStore;
import dev.caregap.store.PipelineFigures;
import dev.caregap.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * resendSummary tells the operator the truth: a summary waits for its run's result files and is copied into their
 * folder, and goes only to a stakeholder who still follows the study; when it never would go, the request is refused,
 * saying what to do, and changes nothing. On H2 with the real migrations.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ResendSummaryTest {

    private static final String FILES = "result-files";
    private static final String SUMMARY = "summary-mail";
    private static final String ANNA = "anna@example.com";
    private static final String BEN = "ben@example.com";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @TempDir
    Path results;

    private final String study = "resend-" + System.nanoTime();

    @Test
    void resultFilesFailedForGoodAreNamedWithWhatToDoAndNothingChanges() {
        long run = run(false);
        Operations operations = operations(ANNA, BEN);

        assertThatThrownBy(() -> operations.resendSummary(run, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the summaries of run " + run + " wait for its result files, which FAILED for good (disk full): "
                        + "write them again with rewriteResultFiles(" + run + "), then ask again");
        assertThat(status(run, SUMMARY)).as("left as they were").containsOnly("FAILED");
    }

    @Test
    void onceTheResultFilesAreToBeWrittenAgainTheSummariesGoAfterThem() {
        long run = run(false);
        Operations operations = operations(ANNA, BEN);

        operations.rewriteResultFiles(run);

        assertThat(operations.resendSummary(run, ""))
                .isEqualTo("2 summary-mail deliveries of run " + run + " sent again once its result files are written");
        assertThat(status(run, SUMMARY)).containsOnly("PENDING");
    }

    @Test
    void anOlderRunsFailedResultFilesCannotBeWrittenAgainAndTheAnswerSaysSo() {
        long older = run(false);
        long newer = run(true);
        Operations operations = operations(ANNA, BEN);

        assertThatThrownBy(() -> operations.resendSummary(older, ANNA))
                .hasMessageEndingWith("they cannot be written again, only those of the newest run of " + study
                        + " with figures (run " + newer + ")");
    }

    @Test
    void aResultsFolderThatIsGoneIsNamed() throws Exception {
        long run = run(true);
        Operations operations = operations(ANNA, BEN);
        Files.delete(results.resolve("run-" + run));

        assertThatThrownBy(() -> operations.resendSummary(run, ANNA))
                .hasMessage("the summaries of run " + run + " are copied into its results folder " + results.resolve("run-" + run)
                        + ", which is gone (old run folders are removed beyond caregap.results-retention): "
                        + "write them again with rewriteResultFiles(" + run + "), then ask again");
        assertThat(status(run, SUMMARY)).containsOnly("FAILED");
    }

    @Test
    void aStakeholderWhoNoLongerFollowsTheStudyIsLeftOutAndNamed() {
        long run = run(true);
        Operations operations = operations(ANNA);

        assertThatThrownBy(() -> operations.resendSummary(run, BEN))
                .hasMessage(BEN + " no longer follows " + study + " in stakeholders.yaml: a summary would be refused");
        assertThat(operations.resendSummary(run, "")).isEqualTo("1 summary-mail delivery of run " + run
                + " sent again at the next poll; not to " + BEN + ", no longer following " + study);
        assertThat(jdbc.queryForList("select recipient from delivery where run_id = ? and deliverable = ? and status = 'PENDING'",
                String.class, run, SUMMARY)).containsExactly(ANNA);
    }

    /**
     * A computed run whose result files were written (their folder there) or failed for good, with a summary for each
     * of Anna and Ben that failed for good.
     */
    private long run(boolean written) {
        DeliveryStore deliveries = new DeliveryStore(jdbc);
        jdbc.update("insert into study_run (study, status) values (?, 'COMPUTED')", study);
        long run = jdbc.queryForObject("select max(id) from study_run where study = ?", Long.class, study);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        deliveries.add(run, FILES, "results-folder", now);
        deliveries.add(run, SUMMARY, ANNA, now);
        deliveries.add(run, SUMMARY, BEN, now);
        long files = jdbc.queryForObject("select id from delivery where run_id = ? and deliverable = ?", Long.class, run, FILES);
        deliveries.claim(files, "me", now, now.plusSeconds(10));
        if (written) {
            Path folder = results.resolve("run-" + run);
            folder.toFile().mkdirs();
            deliveries.done(files, "me", folder.toString(), now);
            jdbc.update("update study_run set results_folder = ? where id = ?", folder.toString(), run);
        } else {
            deliveries.attemptFailed(files, "me", "disk full", now, 0, now);
        }
        jdbc.update("update delivery set status = 'FAILED', reason = 'refused' where run_id = ? and deliverable = ?", run, SUMMARY);
        return run;
    }

    private List<String> status(long run, String deliverable) {
        return jdbc.queryForList("select status from delivery where run_id = ? and deliverable = ?", String.class, run, deliverable);
    }

    /** Operations on this database, with the stakeholders who follow the study. */
    private Operations operations(String... following) {
        List<Stakeholder> stakeholders = List.of(following).stream().map(address -> new Stakeholder(address, address,
                Map.of(study, Audience.EVERYONE), Set.of(), null)).toList();
        CaregapProperties settings = new CaregapProperties(results, null, "test",
                new CaregapProperties.Work(Duration.ofSeconds(15), Duration.ofSeconds(1)),
                new CaregapProperties.Runs(Duration.ofSeconds(2), Duration.ofSeconds(30), 5),
                new CaregapProperties.Deliveries(10, Duration.ofSeconds(1), Duration.ofMinutes(5)), 20);
        return new Operations(null, new Stakeholders(Path.of("stakeholders.yaml"), stakeholders),
                new RunStore(jdbc, null, transactions), null, null, new PipelineFigures(jdbc), new OperationsStore(jdbc),
                null, settings, null, transactions, results.resolve("inbox"), results.resolve("failed"));
    }
}
