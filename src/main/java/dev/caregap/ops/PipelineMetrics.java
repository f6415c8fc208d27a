package dev.caregap.ops;

import dev.caregap.store.ExportStore;
import dev.caregap.store.PipelineFigures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's metrics (Prometheus: caregap_exports_total{outcome}, caregap_respondents_total,
 * caregap_runs_seconds_count/_sum, caregap_deliveries_total{outcome}, caregap_deliveries_waiting{state}). They are
 * read from the database when scraped, so every instance reports the same totals and a restart loses none; the
 * counters only grow (a run counts once it is computed, whenever that is; a delivery each time it is made or fails
 * for good, an operator's redelivery taking none back). A database that does not answer shows as NaN (the runs:
 * their last reading).
 */
@Component
public class PipelineMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(PipelineMetrics.class);

    private final PipelineFigures figures;
    /** The runs' totals as last read, shown again while the database does not answer (a timer's count has no NaN). */
    private volatile PipelineFigures.RunsComputed runs = new PipelineFigures.RunsComputed(0, 0);

    public PipelineMetrics(PipelineFigures figures) {
        this.figures = figures;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Map.Entry<String, String> outcome : Map.of("ingested", ExportStore.INGESTED, "rejected", ExportStore.REJECTED,
                "repeat", ExportStore.REPEAT).entrySet()) {
            FunctionCounter.builder("caregap.exports", figures,
                            safely(f -> f.exportsByStatus().getOrDefault(outcome.getValue(), 0L)))
                    .description("Exports that arrived, by outcome").tag("outcome", outcome.getKey()).register(registry);
        }
        FunctionCounter.builder("caregap.respondents", figures, safely(PipelineFigures::respondentsIngested))
                .description("Respondents (rows) of the ingested exports").register(registry);
        FunctionTimer.builder("caregap.runs", this, m -> m.runs().runs(), m -> m.runs().seconds(), TimeUnit.SECONDS)
                .description("Runs computed, and how long computing them took").register(registry);
        FunctionCounter.builder("caregap.deliveries", figures, safely(f -> f.deliveryOutcomes().sent()))
                .description("Deliveries made or failed for good, each time").tag("outcome", "sent").register(registry);
        FunctionCounter.builder("caregap.deliveries", figures, safely(f -> f.deliveryOutcomes().failed()))
                .description("Deliveries made or failed for good, each time").tag("outcome", "failed").register(registry);
        Gauge.builder("caregap.deliveries.waiting", figures, safely(f -> f.deliveries().pending()))
                .description("Deliveries due").tag("state", "pending").register(registry);
        Gauge.builder("caregap.deliveries.waiting", figures, safely(f -> f.deliveries().retrying()))
                .description("Deliveries due").tag("state", "retrying").register(registry);
    }

    private PipelineFigures.RunsComputed runs() {
        try {
            runs = figures.runsComputed();
        } catch (RuntimeException e) {
            log.debug("The runs computed could not be read", e);
        }
        return runs;
    }

    private static ToDoubleFunction<PipelineFigures> safely(ToDoubleFunction<PipelineFigures> read) {
        return f -> {
            try {
                return read.applyAsDouble(f);
            } catch (RuntimeException e) {
                log.debug("A metric could not be read from the database", e);
                return Double.NaN;
            }
        };
    }
}
