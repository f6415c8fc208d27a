package dev.caregap.routes;

import dev.caregap.read.Arrival;
import dev.caregap.ingest.IngestOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void anErrorGoesBackToTheCallerAfterOneAttempt() {
        assertThatThrownBy(() -> send("broken.csv")).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("the database is gone");
        assertThat(ingestion.calls).as("not retried here: the caller decides").hasValue(1);
    }

    private IngestOutcome send(String name) {
        ProducerTemplate producer = camel.createProducerTemplate();
        Arrival arrival = new Arrival(Path.of(name), name, "test", "c0ffee", 10, Instant.now());
        return producer.requestBody("direct:ingest", arrival, IngestOutcome.class);
    }

    /** Stands in for ExportIngestion: ingests anything but a file called broken. */
    public static final class RecordingIngestion {
        final AtomicInteger calls = new AtomicInteger();

        public IngestOutcome ingest(Arrival arrival) {
            calls.incrementAndGet();
            if (arrival.fileName().startsWith("broken")) {
                throw new IllegalStateException("the database is gone");
            }
            return new IngestOutcome(IngestOutcome.Status.INGESTED, 1, arrival.fileName(), "care-gap", "tidy", 3, 3, 0, 0, null, "");
        }
    }
}
