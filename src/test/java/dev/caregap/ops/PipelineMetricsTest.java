package dev.caregap.ops;

import dev.caregap.store.DeliveryStore;
import dev.caregap.store.OperationsStore;
import dev.caregap.store.PipelineFigures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pipeline's counters, read from the database (H2 with the real migrations): they only grow. */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PipelineMetricsTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DeliveryStore deliveries;

    @BeforeEach
    void bind() {
        new PipelineMetrics(new PipelineFigures(jdbc)).bindTo(registry);
        deliveries = new DeliveryStore(jdbc);
    }

    @Test
    void aRunComputedAfterANewerOneIsCountedWithItsTime() {
        long older = run();
        long newer = run();
        computed(newer, 5);
        double runs = runsCounted();
        double seconds = secondsComputing();

        computed(older, 3);  // e.g. on another instance, or taken over after its first instance stopped

        assertThat(runsCounted()).isEqualTo(runs + 1);
        assertThat(secondsComputing()).isCloseTo(seconds + 3, within(1e-6));
    }

    @Test
    void aRedeliveryTakesNoDeliveryBackFromTheCounters() {
        long run = run();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        deliveries.add(run, "result-files", "results-folder", now);
        deliveries.add(run, "summary-mail", "a@example.com", now);
        long files = id(run, "result-files");
        long mail = id(run, "summary-mail");
        double sent = deliveries("sent");
        double failed = deliveries("failed");

        finish(files, true);
        finish(mail, false);
        assertThat(deliveries("sent")).isEqualTo(sent + 1);
        assertThat(deliveries("failed")).isEqualTo(failed + 1);

        OperationsStore operations = new OperationsStore(jdbc);
        operations.redeliver(run, "result-files", null, now);
        operations.redeliver(run, "summary-mail", null, now);
        assertThat(deliveries("sent")).as("made due again").isEqualTo(sent + 1);
        assertThat(deliveries("failed")).as("made due again").isEqualTo(failed + 1);

        finish(files, true);
        finish(mail, true);
        assertThat(deliveries("sent")).as("each made again").isEqualTo(sent + 3);
        assertThat(deliveries("failed")).isEqualTo(failed + 1);
    }

    private long run() {
        String study = "metrics-" + System.nanoTime();
        jdbc.update("insert into study_run (study, status, started_at) values (?, 'COMPUTING', ?)", study, Timestamp.from(START));
        return jdbc.queryForObject("select max(id) from study_run where study = ?", Long.class, study);
    }

    private void computed(long run, int seconds) {
        jdbc.update("update study_run set status = 'COMPUTED', computed_at = ? where id = ?",
                Timestamp.from(START.plusSeconds(seconds)), run);
    }

    private long id(long run, String deliverable) {
        return jdbc.queryForObject("select id from delivery where run_id = ? and deliverable = ?", Long.class, run, deliverable);
    }

    /** Claims a row and marks it done, or fails it for good. */
    private void finish(long id, boolean done) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(deliveries.claim(id, "me", now, now.plusSeconds(10))).isPresent();
        if (done) {
            assertThat(deliveries.done(id, "me", "target", now)).isTrue();
        } else {
            assertThat(deliveries.attemptFailed(id, "me", "refused", now, 0, now)).isTrue();
        }
    }

    private double runsCounted() {
        return registry.get("caregap.runs").functionTimer().count();
    }

    private double secondsComputing() {
        return registry.get("caregap.runs").functionTimer().totalTime(TimeUnit.SECONDS);
    }

    private double deliveries(String outcome) {
        return registry.get("caregap.deliveries").tag("outcome", outcome).functionCounter().count();
    }
}
