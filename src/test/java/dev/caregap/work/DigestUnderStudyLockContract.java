package dev.caregap.work;

import dev.caregap.config.Studies;
import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.mail.StakeholderMail;
import dev.caregap.report.Audience;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances decide the daily digests of one study at the same moment, each with its own DataSource,
 * transactions and stores on one database, while a newer run is delivered between their checks. Instance A has
 * checked (run 1 is the newest delivered, nobody had a digest today) and is about to add Ann's row when run 2 is
 * delivered and instance B starts checking. B must wait for the study's lock, then see A's row: one digest per
 * recipient that day, not one of run 1 from A and one of run 2 from B. The order is made, not hoped for: A's
 * outbox stops before its first row until the test lets it go, and the test sees B wait for a lock in the database
 * itself. Run against each database.
 */
abstract class DigestUnderStudyLockContract {

    static final String STUDY = "care-gap";
    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    /** 2026-11-30 10:00 in Sydney; both digests are due at 07:30. */
    static final Instant NOW = Instant.parse("2026-11-29T23:00:00Z");
    static final Instant TODAY_AT_0730 = Instant.parse("2026-11-29T20:30:00Z");
    static final Duration WAIT = Duration.ofSeconds(60);

    static final String ANN = "ann@example.com";
    static final String BOB = "bob@example.com";
    static final Stakeholders DIGESTS = new Stakeholders(Path.of("stakeholders.yaml"), List.of(
            new Stakeholder("Ann", ANN, Map.of(STUDY, Audience.EVERYONE), Set.of(), LocalTime.of(7, 30)),
            new Stakeholder("Bob", BOB, Map.of(STUDY, Audience.EVERYONE), Set.of(), LocalTime.of(7, 30))));

    /** A new DataSource on the test's database, as another instance would have. */
    abstract DataSource newDataSource();

    /** How many sessions of the test's database wait for a lock another one holds. */
    abstract String waitingForALockSql();

    private JdbcTemplate db;
    private RunStore runs;
    private ExecutorService threads;

    @BeforeEach
    void aStudyWithRunOneDeliveredAndRunTwoComputed() {
        DataSource dataSource = newDataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = new JdbcTemplate(dataSource);
        runs = new RunStore(db, studyLock(dataSource), new DataSourceTransactionManager(dataSource));
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void anInstanceCheckingWhileAnotherAddsWaitsForTheStudysLockAndAddsNoSecondDigestThatDay() throws Exception {
        long first = run(RunStore.DELIVERED);
        long second = run(RunStore.COMPUTED);
        CountDownLatch aChecked = new CountDownLatch(1);
        CountDownLatch letAGo = new CountDownLatch(1);

        Future<Integer> a = threads.submit(() -> instance(NOW, aChecked, letAGo).addDue());
        assertThat(aChecked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("A checked and is about to add").isTrue();
        assertThat(runs.delivered(second, NOW)).as("run 2 delivered while A holds its decision").isTrue();
        Future<Integer> b = threads.submit(() -> instance(NOW, null, null).addDue());

        await().atMost(WAIT).until(() -> b.isDone() || waitingForALock() > 0);
        boolean bDoneBeforeA = b.isDone();
        long waiting = waitingForALock();

        letAGo.countDown();
        int added = a.get(WAIT.toSeconds(), TimeUnit.SECONDS) + b.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(digestsSince(TODAY_AT_0730)).as("digests per recipient today").isEqualTo(Map.of(ANN, 1L, BOB, 1L));
        assertThat(digestRuns(ANN)).as("Ann's digest: run 1, as A saw the study, and not run 2 as well")
                .containsExactly(first);
        assertThat(added).as("digests the two instances say they added").isEqualTo(2);
        assertThat(bDoneBeforeA).as("B finished while A had not yet added Ann's digest: it did not wait for A").isFalse();
        assertThat(waiting).as("sessions waiting for a lock while A held its decision (B, for the study's)").isEqualTo(1);

        // the next day both look again at the same moment: Ann gets run 2, Bob had it already
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        Future<Integer> aTomorrow = threads.submit(() -> instance(tomorrow, null, null).addDue());
        Future<Integer> bTomorrow = threads.submit(() -> instance(tomorrow, null, null).addDue());
        assertThat(aTomorrow.get(WAIT.toSeconds(), TimeUnit.SECONDS) + bTomorrow.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("digests added the next day").isEqualTo(1);
        assertThat(digestRuns(ANN)).containsExactly(first, second);
        assertThat(digestRuns(BOB)).containsExactly(second);
    }

    /**
     * An instance of its own: a new DataSource, its own transactions and stores, and a clock fixed at {@code now}.
     * With latches, its outbox says when it is about to add its first row and waits there to be let go.
     */
    private DigestWorker instance(Instant now, CountDownLatch checked, CountDownLatch letGo) {
        DataSource dataSource = newDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        StudyLock studyLock = studyLock(dataSource);
        DeliveryStore deliveries = checked == null ? new DeliveryStore(jdbc) : new DeliveryStore(jdbc) {
            @Override
            public boolean addOnce(long runId, String deliverable, String recipient, Instant at) {
                if (checked.getCount() > 0) {
                    checked.countDown();
                    hold(letGo);
                }
                return super.addOnce(runId, deliverable, recipient, at);
            }
        };
        return new DigestWorker(DIGESTS, new RunStore(jdbc, studyLock, transactions), deliveries, studyLock,
                Clock.fixed(now, SYDNEY));
    }

    private static StudyLock studyLock(DataSource dataSource) {
        return new StudyLock(new JdbcTemplate(dataSource), new Studies(Path.of("studies")),
                new DataSourceTransactionManager(dataSource));
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

    private long run(String status) {
        db.update("insert into study_run (study, status, computed_at) values (?, ?, ?)", STUDY, status,
                Timestamp.from(NOW.minus(Duration.ofDays(1))));
        return db.queryForObject("select max(id) from study_run where study = ?", Long.class, STUDY);
    }

    private long waitingForALock() {
        return db.queryForObject(waitingForALockSql(), Long.class);
    }

    private Map<String, Long> digestsSince(Instant since) {
        Map<String, Long> perRecipient = new TreeMap<>();
        db.query("select recipient, count(*) from delivery where deliverable = ? and created_at >= ? group by recipient",
                rs -> {
                    perRecipient.put(rs.getString(1), rs.getLong(2));
                }, StakeholderMail.DIGEST, Timestamp.from(since));
        return perRecipient;
    }

    private List<Long> digestRuns(String recipient) {
        return db.queryForList("select run_id from delivery where deliverable = ? and recipient = ? order by run_id",
                Long.class, StakeholderMail.DIGEST, recipient);
    }
}
