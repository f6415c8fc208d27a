package dev.caregap.routes;

import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import org.apache.camel.CamelContext;
import org.apache.camel.StatefulService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leases routes of routes/leases.yaml while the service stops: Camel first stops every route's consumer, then
 * waits for the work in flight (an export being read, a run computed, a delivery made). keep-leases goes on renewing
 * until that work is done, so no other instance takes it over while it finishes. A lease of a second, renewed every
 * tenth of a second, on H2 in memory with the real migrations; the work in flight is an export being read that ends
 * when the test lets it.
 */
class LeasesRouteStopTest {

    private static final String OWNER = "a";
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String url = "jdbc:h2:mem:leases-route-stop-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    private final CamelContext camel = new DefaultCamelContext();
    private final ExecutorService threads = Executors.newSingleThreadExecutor();
    private final CountDownLatch readingStarted = new CountDownLatch(1);
    private final CountDownLatch readingMayEnd = new CountDownLatch(1);
    private JdbcTemplate db;
    private long export;

    @BeforeEach
    void startTheRoutes() throws Exception {
        DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = new JdbcTemplate(dataSource);
        export = exportBeingRead();
        Heartbeat heartbeat = new Heartbeat(db);

        camel.getPropertiesComponent().addInitialProperty("caregap.work.poll", Long.toString(POLL.toMillis()));
        camel.getRegistry().bind("leases", new Leases(heartbeat));
        camel.getShutdownStrategy().setTimeout(WAIT.toSeconds());
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/errors.yaml"),
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/leases.yaml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as ingest does: the export is held in the heartbeat while it is read
                from("direct:read-export").routeId("read-export").process(exchange ->
                        heartbeat.whileHolding(Heartbeat.Work.EXPORT, export, () -> {
                            readingStarted.countDown();
                            hold(readingMayEnd);
                            return null;
                        }));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        readingMayEnd.countDown();
        threads.shutdownNow();
        camel.stop();
        db.execute("shutdown");
    }

    @Test
    void theLeaseOfWorkInFlightIsRenewedWhileTheStopWaitsForIt() throws Exception {
        CompletableFuture<Object> reading = camel.createProducerTemplate().asyncRequestBody("direct:read-export", "wave-1.csv");
        assertThat(readingStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the export's reading started").isTrue();

        StatefulService takeOver = (StatefulService) camel.getRoute("take-over-exports").getConsumer();
        StatefulService keepLeases = (StatefulService) camel.getRoute("keep-leases").getConsumer();
        Future<?> stopping = threads.submit(camel::stop);
        await().atMost(WAIT).until(() -> !takeOver.getStatus().isStarted());
        Instant consumersStopped = Instant.now();

        // a lease written after the stop stopped the routes' consumers, a poll and more after
        Instant renewedPast = consumersStopped.plus(LEASE).plus(POLL);
        await().atMost(WAIT).until(() -> leaseUntil().isAfter(renewedPast));
        assertThat(stopping).as("the stop, still waiting for the export being read").isNotDone();
        assertThat(reading).isNotDone();

        readingMayEnd.countDown();
        reading.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(camel.getShutdownStrategy().isTimeoutOccurred()).as("the stop waited for the reading to end").isFalse();
        assertThat(keepLeases.getStatus().isStarted()).as("keep-leases, once the work is done").isFalse();
    }

    /** Stands in for Leases: renews this instance's leases with the real heartbeat; takes nothing over. */
    public static final class Leases {
        private final Heartbeat heartbeat;

        Leases(Heartbeat heartbeat) {
            this.heartbeat = heartbeat;
        }

        public void renew() {
            heartbeat.beat(OWNER, LEASE);
        }

        public void takeOverAbandonedExports() {
        }
    }

    private long exportBeingRead() {
        Instant now = Instant.now();
        db.update("""
                insert into survey_export (file_name, source, content_hash, size_bytes, received_at, status, owner, lease_until)
                values ('wave-1.csv', 'test', 'c0ffee', 10, ?, ?, ?, ?)""",
                Timestamp.from(now), ExportStore.READING, OWNER, Timestamp.from(now.plus(LEASE)));
        return db.queryForObject("select max(id) from survey_export", Long.class);
    }

    private Instant leaseUntil() {
        return db.queryForObject("select lease_until from survey_export where id = ?", Timestamp.class, export).toInstant();
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
}
