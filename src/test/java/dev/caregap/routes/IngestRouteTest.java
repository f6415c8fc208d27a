package dev.caregap.routes;

import dev.caregap.read.Arrival;
import dev.caregap.ingest.IngestOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.SynchronizationAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ingest route alone, as an operator reads it in routes/ingest.yaml: it hands the arrival to ingestion
 * and answers with the outcome; an error is not handled there but goes back to the route that called, which
 * decides what becomes of the file. Ingestion is a stand-in.
 */
class IngestRouteTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final RecordingIngestion ingestion = new RecordingIngestion();

    @BeforeEach
    void loadTheRoute() throws Exception {
        camel.getRegistry().bind("exportIngestion", ingestion);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/ingest.yaml"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theOutcomeOfIngestionIsTheAnswer() {
        IngestOutcome outcome = send("wave-1.csv");
        assertThat(outcome.ingested()).isTrue();
        assertThat(outcome.fileName()).isEqualTo("wave-1.csv");
        assertThat(ingestion.calls).hasValue(1);
    }

    @Test
    void anIngestedExportKnocksOnTheRunsQueueAndARejectedOneDoesNot() {
        SedaEndpoint runsDue = camel.getEndpoint(RUNS_DUE, SedaEndpoint.class);
        assertThat(send("rejected-wave-1.csv").rejected()).isTrue();
        assertThat(runsDue.getQueue()).as("a rejected export asks for no run").isEmpty();
        assertThat(send("wave-2.csv").ingested()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> runsDue.getQueue().size() == 1);  // tapped on a thread of its own
        assertThat(send("rejected-wave-3.csv").rejected()).isTrue();
        assertThat(runsDue.getQueue()).hasSize(1);
    }

    @Test
    void knocksWaitingToBeSeenAreOneLookAndNeverHoldUpTheIngestion() throws InterruptedException {
        SedaEndpoint runsDue = camel.getEndpoint(RUNS_DUE, SedaEndpoint.class);
        for (int i = 1; i <= 5; i++) {
            assertThat(send("wave-" + i + ".csv").ingested()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> runsDue.getQueue().size() == 1);  // tapped on a thread of its own
        Thread.sleep(200);  // knocks still on their way would show by now
        assertThat(runsDue.getQueue()).as("one look finds every due run").hasSize(1);
    }

    /**
     * What the caller does once an export is ingested (the inbox moves the file to the archive) happens when the
     * ingestion ends, whether a knock is waiting to be seen or dropped as one too many: the knock carries none of it.
     */
    @Test
    void theCallersWorkOnCompletionRunsWhenTheIngestionEndsNotWithItsKnock() {
        AtomicInteger completed = new AtomicInteger();
        ProducerTemplate producer = camel.createProducerTemplate();
        for (int i = 1; i <= 3; i++) {
            String name = "wave-" + i + ".csv";
            producer.send("direct:ingest", exchange -> {
                exchange.getIn().setBody(new Arrival(Path.of(name), name, "test", "c0ffee", 10, Instant.now()));
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onComplete(Exchange done) {
                        completed.incrementAndGet();
                    }
                });
            });
            assertThat(completed).as("after the ingestion of %s", name).hasValue(i);
        }
        assertThat(ingestion.calls).hasValue(3);
    }

    @Test
    void anErrorGoesBackToTheCallerAfterOneAttempt() {
        assertThatThrownBy(() -> send("broken.csv")).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("the database is gone");
        assertThat(ingestion.calls).as("not retried here: the caller decides").hasValue(1);
    }

    /** The queue compute-runs takes its knocks from (routes/figures.yaml); no consumer here, so knocks stay in it. */
    private static final String RUNS_DUE = "seda:runs-due?size=1&discardWhenFull=true&waitForTaskToComplete=Never";

    private IngestOutcome send(String name) {
        ProducerTemplate producer = camel.createProducerTemplate();
        Arrival arrival = new Arrival(Path.of(name), name, "test", "c0ffee", 10, Instant.now());
        return producer.requestBody("direct:ingest", arrival, IngestOutcome.class);
    }

    /** Stands in for ExportIngestion: rejects a file called rejected, fails on one called broken, ingests the rest. */
    public static final class RecordingIngestion {
        final AtomicInteger calls = new AtomicInteger();

        public IngestOutcome ingest(Arrival arrival) {
            calls.incrementAndGet();
            if (arrival.fileName().startsWith("broken")) {
                throw new IllegalStateException("the database is gone");
            }
            if (arrival.fileName().startsWith("rejected")) {
                return new IngestOutcome(IngestOutcome.Status.REJECTED, 2, arrival.fileName(), null, null, 0, 0, 0, 0,
                        "no header row", "");
            }
            return new IngestOutcome(IngestOutcome.Status.INGESTED, 1, arrival.fileName(), "care-gap", "tidy", 3, 3, 0, 0, null, "");
        }
    }
}
