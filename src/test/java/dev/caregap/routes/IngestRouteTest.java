package dev.caregap.routes;

import dev.caregap.ingest.Arrival;
import dev.caregap.ingest.IngestOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest route alone, as an operator reads it in routes/ingest.yaml: the register lookup decides
 * whether the export is a repeat, the bean ingests it, and only an ingested export is announced to the
 * figures stage. The database and the figures stage are advised away.
 */
class IngestRouteTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final RecordingIngestion ingestion = new RecordingIngestion();
    private final AtomicReference<Long> registerAnswer = new AtomicReference<>();
    private MockEndpoint announced;

    @BeforeEach
    void loadTheRouteAndAdviseItsEnds() throws Exception {
        camel.getRegistry().bind("exportIngestion", ingestion);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/ingest.yaml"));
        AdviceWith.adviceWith(camel, "ingest", route -> {
            route.weaveByToUri("sql:*").replace().process(exchange ->
                    exchange.getMessage().setHeader("caregapRepeatOf", registerAnswer.get()));
            route.mockEndpointsAndSkip("seda:export-ingested");
        });
        camel.start();
        announced = camel.getEndpoint("mock:seda:export-ingested", MockEndpoint.class);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void anIngestedExportIsAnnouncedToTheFiguresStage() throws InterruptedException {
        ingestion.answer = IngestOutcome.Status.INGESTED;
        announced.expectedMessageCount(1);
        IngestOutcome outcome = send();
        announced.assertIsSatisfied();
        assertThat(outcome.ingested()).isTrue();
        assertThat(ingestion.repeatOf.get()).isNull();
        assertThat(announced.getExchanges().get(0).getMessage().getBody()).isSameAs(outcome);
    }

    @Test
    void contentTheRegisterKnowsIsHandedOnAsARepeatAndNotAnnounced() throws InterruptedException {
        registerAnswer.set(7L);
        ingestion.answer = IngestOutcome.Status.REPEAT;
        announced.expectedMessageCount(0);
        IngestOutcome outcome = send();
        announced.assertIsSatisfied();
        assertThat(ingestion.repeatOf.get()).isEqualTo(7L);
        assertThat(outcome.repeat()).isTrue();
    }

    @Test
    void aRejectedExportIsNotAnnounced() throws InterruptedException {
        ingestion.answer = IngestOutcome.Status.REJECTED;
        announced.expectedMessageCount(0);
        assertThat(send().rejected()).isTrue();
        announced.assertIsSatisfied();
    }

    private IngestOutcome send() {
        ProducerTemplate producer = camel.createProducerTemplate();
        Arrival arrival = new Arrival(Path.of("wave-1.csv"), "wave-1.csv", "test", "c0ffee", 10, Instant.now());
        return producer.requestBody("direct:ingest", arrival, IngestOutcome.class);
    }

    /** Stands in for ExportIngestion: answers with the outcome the test chose and remembers what it was told. */
    public static final class RecordingIngestion {
        volatile IngestOutcome.Status answer;
        final AtomicReference<Long> repeatOf = new AtomicReference<>();

        public IngestOutcome ingest(Arrival arrival, Long repeatOfExport) {
            repeatOf.set(repeatOfExport);
            return new IngestOutcome(answer, 1, arrival.fileName(), "care-gap", "tidy", 3, 3, 0, 0, null, "");
        }
    }
}
