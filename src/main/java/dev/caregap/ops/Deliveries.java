package dev.caregap.ops;

import dev.caregap.store.PipelineFigures;
import org.springframework.stereotype.Component;

/** caregap:type=Deliveries, see {@link DeliveriesMXBean}. */
@Component
public class Deliveries implements DeliveriesMXBean {

    private final PipelineFigures figures;

    public Deliveries(PipelineFigures figures) {
        this.figures = figures;
    }

    @Override
    public long getPending() {
        return figures.deliveries().pending();
    }

    @Override
    public long getRetrying() {
        return figures.deliveries().retrying();
    }

    @Override
    public long getFailed() {
        return figures.deliveries().failed();
    }

    @Override
    public long getSent() {
        return figures.deliveries().sent();
    }

    @Override
    public String getLastFailure() {
        return figures.lastDeliveryFailure().orElse("");
    }
}
