package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.figures.Figure;
import dev.caregap.quality.ExportQuality;
import dev.caregap.respondent.Respondent;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportStore;
import dev.caregap.store.ExportsAndRuns;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RunStore;
import dev.caregap.store.RunStore.ClaimedRun;
import dev.caregap.store.StoredRespondents;
import dev.caregap.store.StudyLock;
import dev.caregap.store.TallyStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.caregap.store.ExportsAndRuns.consumer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's computing transaction holds the run's row locked from the moment it fixes what the run covers, so the
 * heartbeat skips that row until it commits. Should the reading of its exports and tallies outlast the lease, the
 * transaction renews the lease itself before it commits: another instance looking for runs whose owner died right
 * after that commit does not take it over. On H2 in memory with the real migrations; the read outlasting the lease is
 * its lease set in the past while the read goes on.
 */
class RunLeaseTest {

    private final String url = "jdbc:h2:mem:run-lease-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;

    @BeforeEach
    void migrate() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @AfterEach
    void drop() {
        jdbc.execute("shutdown");
    }

    @Test
    void aRunWhoseReadOutlastedItsLeaseIsNotTakenOverWhenTheReadCommits() {
        ExportsAndRuns study = ExportsAndRuns.careGap(jdbc, transactions);
        List<Respondent> rows = List.of(consumer(2, "R1"), consumer(3, "R2"));
        study.land(study.startReading("wave-1.csv", rows), rows);
        List<Optional<ClaimedRun>> takenOver = new ArrayList<>();
        RunWorker worker = worker(takenOver);

        assertThat(worker.computeDueAt(Instant.now().plus(Duration.ofDays(1)))).as("runs computed here").isEqualTo(1);

        assertThat(takenOver).as("another instance's claims once the read committed").containsExactly(Optional.empty());
        assertThat(jdbc.queryForObject("select status from study_run", String.class)).isEqualTo(RunStore.COMPUTED);
    }

    /**
     * A RunWorker of instance "a" whose read lets the run's lease run out, and which, once the read committed, lets
     * instance "b" (a DataSource and stores of its own) try to claim the run, recording what it got.
     */
    private RunWorker worker(List<Optional<ClaimedRun>> takenOver) {
        Studies studies = new Studies(Path.of("studies"));
        StudyLock studyLock = new StudyLock(jdbc, studies, transactions);
        ExportStore exports = new ExportStore(jdbc, transactions) {
            @Override
            public List<ExportQuality> quality(String study, long lastExport) {
                jdbc.update("update study_run set lease_until = ?", Timestamp.from(Instant.now().minusSeconds(1)));
                return super.quality(study, lastExport);
            }
        };
        RunStore runs = new RunStore(jdbc, studyLock, transactions) {
            @Override
            public boolean computed(long runId, String owner, List<Figure> figures, List<ExportQuality> covered, Instant now) {
                takenOver.add(otherInstance(studies).claim(runId, "b", Instant.now(), Instant.now().plus(Duration.ofMinutes(10))));
                return super.computed(runId, owner, figures, covered, now);
            }
        };
        CaregapProperties settings = new Binder(new MapConfigurationPropertySource(Map.of("caregap.instance", "a",
                "caregap.work.lease", "10m"))).bind("caregap", Bindable.of(CaregapProperties.class)).get();
        return new RunWorker(studies, runs, exports, new TallyStore(jdbc, new StoredRespondents(jdbc, transactions), transactions),
                studyLock, new DeliveryStore(jdbc), List.of(), new Heartbeat(jdbc), transactions, settings);
    }

    private RunStore otherInstance(Studies studies) {
        DataSource dataSource = dataSource();
        JdbcTemplate other = new JdbcTemplate(dataSource);
        DataSourceTransactionManager otherTransactions = new DataSourceTransactionManager(dataSource);
        return new RunStore(other, new StudyLock(other, studies, otherTransactions), otherTransactions);
    }

    private DataSource dataSource() {
        return new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
    }
}
