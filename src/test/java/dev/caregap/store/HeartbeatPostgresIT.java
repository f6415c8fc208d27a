package dev.caregap.store;

import dev.caregap.config.Studies;
import dev.caregap.testing.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real PostgreSQL (embedded, the real migrations, READ COMMITTED as deployed): while this instance computes a
 * run, its transaction holds the run's row locked from the moment it fixes what the run covers until it commits. A
 * beat of the heartbeat must not wait there: it renews the instance's other leases (an export being read, the mail
 * poller, which come before and after runs in a beat) and returns, the run's transaction still open.
 */
class HeartbeatPostgresIT {

    private static final String OWNER = "a";
    private static final String STUDY = "care-gap";
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    private PostgresServer.Database database;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch commit = new CountDownLatch(1);
    private JdbcTemplate db;
    private DataSourceTransactionManager transactions;

    @BeforeEach
    void migrate() {
        database = postgres.createDatabase("heartbeat");
        DataSource dataSource = database.dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @AfterEach
    void drop() {
        commit.countDown();
        threads.shutdownNow();
        database.drop();
    }

    @Test
    void aBeatRenewsTheOtherLeasesWhileThisInstancesRunTransactionHoldsTheRunsRow() throws Exception {
        Instant claimedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant claimedUntil = claimedAt.plus(LEASE);
        long run = runBeingComputed(claimedUntil);
        long export = exportBeingRead(claimedAt, claimedUntil);
        db.update("update mail_poller set owner = ?, lease_until = ? where id = 1", OWNER, Timestamp.from(claimedUntil));
        Heartbeat heartbeat = new Heartbeat(db);
        heartbeat.hold(Heartbeat.Work.EXPORT, export);
        heartbeat.hold(Heartbeat.Work.RUN, run);
        heartbeat.hold(Heartbeat.Work.MAIL_POLLER, 1);

        Future<?> computing = threads.submit(() -> computeHolding(run, heartbeat));
        await().atMost(WAIT).until(() -> computing.isDone() || runRowLocked(run));
        assertThat(computing).as("the run's transaction, holding its row").isNotDone();

        Future<?> beat = threads.submit(() -> heartbeat.beat(OWNER, LEASE));
        await().atMost(WAIT).until(beat::isDone);
        beat.get();

        assertThat(computing).as("the run's transaction, still open").isNotDone();
        assertThat(leaseUntil("survey_export", export)).as("the export's lease").isAfter(claimedUntil);
        assertThat(leaseUntil("mail_poller", 1)).as("the mail poller's lease").isAfter(claimedUntil);
        assertThat(leaseUntil("study_run", run)).as("the run's lease, its row skipped").isEqualTo(claimedUntil);
        commit.countDown();
        computing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(leaseUntil("study_run", run)).as("the run's lease, renewed by its own transaction").isAfter(claimedUntil);
    }

    /**
     * As the run worker does: fixes what the run covers under the study's lock, reads until let go, then renews the
     * run's lease before it commits.
     */
    private void computeHolding(long run, Heartbeat heartbeat) {
        Studies studies = new Studies(Path.of("studies"));
        StudyLock studyLock = new StudyLock(db, studies, transactions);
        RunStore runs = new RunStore(db, studyLock, transactions);
        studyLock.inTransaction(STUDY, () -> {
            assertThat(runs.coverIngested(run, OWNER)).as("the run, this instance's").isPresent();
            try {
                assertThat(commit.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("let go").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            heartbeat.renew(Heartbeat.Work.RUN, run, OWNER, LEASE);
            return null;
        });
    }

    /** Whether another session holds the run's row locked (a lock that skips it finds none). */
    private boolean runRowLocked(long run) {
        return new TransactionTemplate(transactions).execute(status ->
                db.queryForList("select id from study_run where id = ? for update skip locked", Long.class, run).isEmpty());
    }

    private long runBeingComputed(Instant leaseUntil) {
        db.update("insert into study_run (study, status, owner, lease_until, requested_at, started_at, attempts) values (?, ?, ?, ?, ?, ?, 1)",
                STUDY, RunStore.COMPUTING, OWNER, Timestamp.from(leaseUntil), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        return db.queryForObject("select max(id) from study_run", Long.class);
    }

    private long exportBeingRead(Instant receivedAt, Instant leaseUntil) {
        db.update("""
                insert into survey_export (study, file_name, source, content_hash, size_bytes, received_at, status, owner, lease_until)
                values (?, 'wave-1.csv', 'test', 'c0ffee', 10, ?, ?, ?, ?)""",
                STUDY, Timestamp.from(receivedAt), ExportStore.READING, OWNER, Timestamp.from(leaseUntil));
        return db.queryForObject("select max(id) from survey_export", Long.class);
    }

    private Instant leaseUntil(String table, long id) {
        return db.queryForObject("select lease_until from " + table + " where id = ?", Timestamp.class, id).toInstant();
    }
}
