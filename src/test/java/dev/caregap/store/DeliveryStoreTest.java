package dev.caregap.store;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's order and settling rules for e-mails, on the embedded H2 with the real migrations. */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DeliveryStoreTest {

    private static final String FILES = "result-files";
    private static final String MAIL = "summary-mail";

    @Autowired
    JdbcTemplate jdbc;

    private DeliveryStore store() {
        return new DeliveryStore(jdbc);
    }

    @Test
    void anEmailIsDueOnlyOnceItsRunsResultFilesAreDone() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);  // as stored: H2 rounds to microseconds
        long run = run("waits");
        store().add(run, FILES, "results-folder", now);
        store().add(run, MAIL, "a@example.com", now);
        long files = id(run, FILES);
        long mail = id(run, MAIL);

        assertThat(store().due(now, FILES)).contains(files).doesNotContain(mail);
        store().claim(files, "me", now, now.plusSeconds(10));
        store().done(files, "me", "results/x", now);
        assertThat(store().due(now, FILES)).contains(mail);
    }

    @Test
    void aRunIsSettledWhenItsResultFilesAreDoneAndNoRowIsPendingEvenWithAFailedEmail() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);  // as stored: H2 rounds to microseconds
        long run = run("settles");
        store().add(run, FILES, "results-folder", now);
        store().add(run, MAIL, "a@example.com", now);
        store().add(run, MAIL, "b@example.com", now);
        finish(id(run, FILES), true);
        assertThat(store().settled(run, FILES)).as("two e-mails pending").isFalse();
        finish(id(run, MAIL, "a@example.com"), false);
        assertThat(store().settled(run, FILES)).as("one e-mail pending").isFalse();
        finish(id(run, MAIL, "b@example.com"), true);
        assertThat(store().settled(run, FILES)).as("one sent, one failed for good").isTrue();
        assertThat(store().failed(run)).isEqualTo(1);
    }

    @Test
    void resultFilesThatFailedForGoodFailTheEmailsWaitingForThemAndTheRunIsNotSettled() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);  // as stored: H2 rounds to microseconds
        long run = run("files-fail");
        store().add(run, FILES, "results-folder", now);
        store().add(run, MAIL, "a@example.com", now);
        finish(id(run, FILES), false);

        assertThat(store().failWaiting(run, FILES, "not sent: the run's result files failed", now)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status || ': ' || reason from delivery where id = ?", String.class, id(run, MAIL)))
                .isEqualTo("FAILED: not sent: the run's result files failed");
        assertThat(store().settled(run, FILES)).isFalse();
    }

    @Test
    void aRowIsAddedOnceAndTheLastDigestIsFoundByStudyAndRecipient() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);  // as stored: H2 rounds to microseconds
        String study = "digest-" + System.nanoTime();
        long older = run(study);
        long newer = run(study);
        assertThat(store().addOnce(older, "digest-mail", "d@example.com", now.minus(Duration.ofDays(1)))).isTrue();
        assertThat(store().addOnce(older, "digest-mail", "d@example.com", now)).as("already there").isFalse();
        assertThat(store().lastRun(study, "digest-mail", "d@example.com")).contains(older);
        assertThat(store().lastRun(study, "digest-mail", "someone@example.com")).isEmpty();
        assertThat(store().addedSince(study, "digest-mail", "d@example.com", now.minusSeconds(60))).isFalse();

        store().addOnce(newer, "digest-mail", "d@example.com", now);
        assertThat(store().lastRun(study, "digest-mail", "d@example.com")).contains(newer);
        assertThat(store().addedSince(study, "digest-mail", "d@example.com", now.minusSeconds(60))).isTrue();
    }

    private long run(String name) {
        String study = name.startsWith("digest-") ? name : name + "-" + System.nanoTime();
        jdbc.update("insert into study_run (study, status) values (?, 'COMPUTED')", study);
        return jdbc.queryForObject("select max(id) from study_run where study = ?", Long.class, study);
    }

    private long id(long run, String deliverable) {
        return jdbc.queryForObject("select min(id) from delivery where run_id = ? and deliverable = ?", Long.class, run, deliverable);
    }

    private long id(long run, String deliverable, String recipient) {
        return jdbc.queryForObject("select id from delivery where run_id = ? and deliverable = ? and recipient = ?", Long.class,
                run, deliverable, recipient);
    }

    /** Claims a row and marks it done, or fails it for good. */
    private void finish(long id, boolean done) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);  // as stored: H2 rounds to microseconds
        assertThat(store().claim(id, "me", now, now.plusSeconds(10))).isPresent();
        if (done) {
            assertThat(store().done(id, "me", "target", now)).isTrue();
        } else {
            assertThat(store().attemptFailed(id, "me", "refused", now, 0, now)).isTrue();
        }
    }
}
