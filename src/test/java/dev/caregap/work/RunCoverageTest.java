package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.respondent.Respondent;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportStore;
import dev.caregap.store.ExportsAndRuns;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RunStore;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.caregap.store.ExportsAndRuns.consumer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run covers is fixed as it is computed, under the study's lock, so its figures and run_export hold the same
 * exports and it subtracts only duplicates settled among them. Here an export lands between the run's claim and its
 * computing, and the response it brings again outdates one of an export the run covers: counted once, from the export
 * that landed last. On H2 in memory with the real migrations.
 */
class RunCoverageTest {

    private final String url = "jdbc:h2:mem:run-coverage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;

    @BeforeEach
    void migrate() {
        DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @AfterEach
    void drop() {
        jdbc.execute("shutdown");
    }

    @Test
    void anExportLandingBetweenARunsClaimAndItsComputingIsCoveredAndTheResponseItOutdatesCountsOnce() {
        ExportsAndRuns study = ExportsAndRuns.careGap(jdbc, transactions);
        List<Respondent> first = List.of(consumer(2, "R1"), consumer(3, "R2"));
        List<Respondent> second = List.of(consumer(2, "R1"), consumer(3, "R3"), consumer(4, "R4"));
        long firstExport = study.startReading("wave-1.csv", first);
        study.land(firstExport, first);
        long secondExport = study.startReading("wave-2.csv", second);
        // the second export lands once the run is claimed (with the first export the newest ingested), before it is
        // computed: its R1 ends as late as the first's, so the later export's counts and the first's R1 is a duplicate
        RunWorker worker = worker(new Runnable() {
            private boolean landed;

            @Override
            public void run() {
                if (!landed) {
                    landed = true;
                    study.land(secondExport, second);
                }
            }
        });

        assertThat(worker.computeDueAt(Instant.now().plus(Duration.ofDays(1)))).isEqualTo(1);

        long run = jdbc.queryForObject("select min(id) from study_run where status = 'COMPUTED'", Long.class);
        assertThat(study.exportsOf(run)).as("the exports the run covers").containsExactly(firstExport, secondExport);
        assertThat(jdbc.queryForObject("select last_export from study_run where id = ?", Long.class, run)).isEqualTo(secondExport);
        // four people: R1 (its later response), R2, R3, R4, each of them feeling cared for
        Map<String, Object> cared = jdbc.queryForMap("""
                select base, share from figure
                where run_id = ? and figure = 'consumers_feel_cared_for' and breakdown = 'total'""", run);
        assertThat(((Number) cared.get("BASE")).longValue()).isEqualTo(4);
        assertThat(((Number) cared.get("SHARE")).doubleValue()).isEqualTo(1.0);
        assertThat(jdbc.queryForObject("select respondents_included from study_run where id = ?", Long.class, run))
                .as("the respondents the run's data quality counts are the figures'").isEqualTo(4);
    }

    /** A RunWorker on the test's database whose claims call {@code afterClaim} once a run is claimed. */
    private RunWorker worker(Runnable afterClaim) {
        Studies studies = new Studies(Path.of("studies"));
        StudyLock studyLock = new StudyLock(jdbc, studies, transactions);
        RunStore runs = new RunStore(jdbc, studyLock, transactions) {
            @Override
            public Optional<ClaimedRun> claim(long runId, String owner, Instant now, Instant leaseUntil) {
                Optional<ClaimedRun> claimed = super.claim(runId, owner, now, leaseUntil);
                claimed.ifPresent(run -> afterClaim.run());
                return claimed;
            }
        };
        CaregapProperties settings = new Binder(new MapConfigurationPropertySource(Map.of("caregap.instance", "test",
                "caregap.work.lease", "10m"))).bind("caregap", Bindable.of(CaregapProperties.class)).get();
        return new RunWorker(studies, runs, new ExportStore(jdbc, transactions), new TallyStore(jdbc, new StoredRespondents(jdbc, transactions), transactions),
                studyLock, new DeliveryStore(jdbc), List.of(), new Heartbeat(jdbc), transactions, settings);
    }
}
