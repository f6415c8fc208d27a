package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.deliver.Deliverable;
import dev.caregap.deliver.ResultFilesDelivery;
import dev.caregap.deliver.Undeliverable;
import dev.caregap.deliver.mail.StakeholderMail;
import dev.caregap.run.RunReport;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances, each with its own DataSource, transactions and stores on one database, settle the last two
 * outbox rows of a computed run at the same moment. Instance A has marked Ann's e-mail done and checked what is
 * left of the run (Bob's row, still pending) but not committed yet when instance B settles Bob's row. B must wait
 * for the run's lock, then see Ann's row done and mark the run DELIVERED: otherwise each saw the other's row
 * pending and the run stays COMPUTED for ever (no "delivered" line, skipped by digests and "what changed since").
 * The order is made, not hoped for: A stops after its check until the test lets it go, and the test sees B wait
 * for a lock in the database itself (or finish without waiting, which is the defect). On H2 here (in memory, the
 * real migrations, a lock waited for up to a minute); {@link RunDeliveredRacePostgresIT} runs the same on
 * PostgreSQL.
 */
class RunDeliveredRaceTest {

    static final String STUDY = "care-gap";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ANN = "ann@example.com";
    static final String BOB = "bob@example.com";

    private final String h2Url = "jdbc:h2:mem:run-delivered-race-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";

    private JdbcTemplate db;
    private ExecutorService threads;

    /** A new DataSource on the test's database, as another instance would have. */
    DataSource newDataSource() {
        return new SimpleDriverDataSource(new org.h2.Driver(), h2Url, "sa", "");
    }

    /** How many sessions of the test's database wait for a lock another one holds. */
    String waitingForALockSql() {
        return "select count(*) from information_schema.sessions where blocker_id is not null";
    }

    /** Drops the test's database. */
    void dropTheDatabase() {
        new JdbcTemplate(newDataSource()).execute("shutdown");
    }

    @BeforeEach
    void migrate() {
        DataSource dataSource = newDataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = new JdbcTemplate(dataSource);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        dropTheDatabase();
    }

    @Test
    void twoInstancesMarkingARunsLastTwoRowsDoneAtOnceLeaveTheRunDelivered() throws Exception {
        long run = computedRunWithEmailsTo(ANN, BOB);

        Race race = race();

        assertThat(race.delivered()).as("rows the two instances delivered").isEqualTo(2);
        assertThat(statuses(run)).as("the run's e-mails").isEqualTo(Map.of(ANN, DeliveryStore.DONE, BOB, DeliveryStore.DONE));
        assertThat(runStatus(run)).as("the run, once its last two rows were done on two instances at once")
                .isEqualTo(RunStore.DELIVERED);
        assertThat(race.bDoneBeforeA()).as("B finished while A had not committed: it did not wait for the run's lock").isFalse();
        assertThat(race.waiting()).as("sessions waiting for a lock while A held its check (B, for the run's)").isEqualTo(1);
    }

    /** A failed delivery still lets the run be delivered: also when it is the last row, settled while A commits. */
    @Test
    void aRowFailingForGoodWhileAnotherInstanceMarksTheOtherDoneLeavesTheRunDelivered() throws Exception {
        long run = computedRunWithEmailsTo(ANN, BOB);

        Race race = race(BOB);

        assertThat(race.delivered()).as("rows the two instances delivered (Bob's failed)").isEqualTo(1);
        assertThat(statuses(run)).as("the run's e-mails").isEqualTo(Map.of(ANN, DeliveryStore.DONE, BOB, DeliveryStore.FAILED));
        assertThat(runStatus(run)).as("the run, once Ann's row was done and Bob's failed for good on two instances at once")
                .isEqualTo(RunStore.DELIVERED);
        assertThat(race.bDoneBeforeA()).as("B finished while A had not committed: it did not wait for the run's lock").isFalse();
        assertThat(race.waiting()).as("sessions waiting for a lock while A held its check (B, for the run's)").isEqualTo(1);
    }

    /** What came of A and B settling the rows at once. */
    record Race(int delivered, boolean bDoneBeforeA, long waiting) {
    }

    /**
     * A delivers Ann's row (the first due) and stops after its check, uncommitted; then B delivers Bob's row
     * (Ann's is A's for its lease); once B waits for a lock or is done, A is let go. {@code refused}: addresses the
     * mail server refuses for good.
     */
    private Race race(String... refused) throws Exception {
        CountDownLatch aChecked = new CountDownLatch(1);
        CountDownLatch letAGo = new CountDownLatch(1);
        Future<Integer> a = threads.submit(() -> instance("a", aChecked, letAGo, refused).deliverDue());
        try {
            assertThat(aChecked.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("A marked Ann's row done and checked the run, not yet committed").isTrue();
            Future<Integer> b = threads.submit(() -> instance("b", null, null, refused).deliverDue());

            await().atMost(WAIT).until(() -> b.isDone() || waitingForALock() > 0);
            boolean bDoneBeforeA = b.isDone();
            long waiting = waitingForALock();

            letAGo.countDown();
            int delivered = a.get(WAIT.toSeconds(), TimeUnit.SECONDS) + b.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new Race(delivered, bDoneBeforeA, waiting);
        } finally {
            letAGo.countDown();
        }
    }

    /**
     * An instance of its own: a new DataSource, its own transactions and stores, leases long enough for the test.
     * With latches, its outbox says when it has checked whether a run is settled and waits there, uncommitted, to
     * be let go.
     */
    private DeliveryWorker instance(String name, CountDownLatch checked, CountDownLatch letGo, String... refused) {
        DataSource dataSource = newDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        Studies studies = new Studies(Path.of("studies"));
        StudyLock studyLock = new StudyLock(jdbc, studies, transactions);
        DeliveryStore deliveries = checked == null ? new DeliveryStore(jdbc) : new DeliveryStore(jdbc) {
            @Override
            public boolean settled(long runId, String first) {
                boolean settled = super.settled(runId, first);
                if (checked.getCount() > 0) {
                    checked.countDown();
                    hold(letGo);
                }
                return settled;
            }
        };
        CaregapProperties settings = new Binder(new MapConfigurationPropertySource(Map.of("caregap.instance", name,
                "caregap.work.lease", "10m"))).bind("caregap", Bindable.of(CaregapProperties.class)).get();
        List<Deliverable> mail = List.of(new Deliverable() {
            @Override
            public String name() {
                return StakeholderMail.SUMMARY;
            }

            @Override
            public List<String> recipients(String study) {
                return List.of(ANN, BOB);
            }

            @Override
            public String deliver(RunReport run, String recipient) {
                if (List.of(refused).contains(recipient)) {
                    throw new Undeliverable("550 no such user: " + recipient, null);
                }
                return recipient;
            }
        });
        return new DeliveryWorker(studies, new RunStore(jdbc, studyLock, transactions), new ExportStore(jdbc, transactions),
                deliveries, mail, new Heartbeat(jdbc), transactions, settings);
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not let go within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A computed run whose result files are done; its e-mails to the recipients are pending, due now. */
    private long computedRunWithEmailsTo(String... recipients) {
        Instant computed = Instant.now().minusSeconds(60);
        db.update("insert into study_run (study, status, computed_at) values (?, ?, ?)", STUDY, RunStore.COMPUTED,
                Timestamp.from(computed));
        long run = db.queryForObject("select max(id) from study_run where study = ?", Long.class, STUDY);
        DeliveryStore outbox = new DeliveryStore(db);
        outbox.add(run, ResultFilesDelivery.NAME, "results-folder", computed);
        db.update("update delivery set status = ?, target = 'results/run', done_at = ? where run_id = ?", DeliveryStore.DONE,
                Timestamp.from(computed), run);
        for (String recipient : recipients) {
            outbox.add(run, StakeholderMail.SUMMARY, recipient, computed);
        }
        return run;
    }

    private long waitingForALock() {
        return db.queryForObject(waitingForALockSql(), Long.class);
    }

    private String runStatus(long run) {
        return db.queryForObject("select status from study_run where id = ?", String.class, run);
    }

    private Map<String, String> statuses(long run) {
        Map<String, String> byRecipient = new java.util.TreeMap<>();
        db.query("select recipient, status from delivery where run_id = ? and deliverable = ?",
                rs -> {
                    byRecipient.put(rs.getString(1), rs.getString(2));
                }, run, StakeholderMail.SUMMARY);
        return byRecipient;
    }
}
