package dev.caregap.ops;

import dev.caregap.ingest.ReadingProgress;
import dev.caregap.store.ExportStore;
import dev.caregap.store.PipelineFigures;
import dev.caregap.store.PipelineFigures.LastExport;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.Optional;

/** caregap:type=Intake, see {@link IntakeMXBean}. */
@Component
public class Intake implements IntakeMXBean {

    private final PipelineFigures figures;
    private final ReadingProgress progress;
    private final Operations operations;

    public Intake(PipelineFigures figures, ReadingProgress progress, Operations operations) {
        this.figures = figures;
        this.progress = progress;
        this.operations = operations;
    }

    private long count(String status) {
        return figures.exportsByStatus().getOrDefault(status, 0L);
    }

    @Override
    public long getExportsReceived() {
        return figures.exportsByStatus().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public long getExportsIngested() {
        return count(ExportStore.INGESTED);
    }

    @Override
    public long getExportsRejected() {
        return count(ExportStore.REJECTED);
    }

    @Override
    public long getExportsRepeated() {
        return count(ExportStore.REPEAT);
    }

    @Override
    public long getExportsReading() {
        return count(ExportStore.READING);
    }

    @Override
    public long getExportsIndexing() {
        return figures.exportsWithIdentitiesPending();
    }

    private Optional<ReadingProgress.Snapshot> current() {
        return progress.now().stream().findFirst();
    }

    @Override
    public String getCurrentExport() {
        return current().map(s -> s.exportId() + " " + s.fileName()).orElse("");
    }

    @Override
    public long getCurrentRowsRead() {
        return current().map(ReadingProgress.Snapshot::rows).orElse(0L);
    }

    @Override
    public double getCurrentRowsPerSecond() {
        return current().map(s -> Math.round(s.rowsPerSecond() * 10) / 10.0).orElse(0.0);
    }

    @Override
    public double getCurrentPercentRead() {
        return current().filter(s -> s.fraction() >= 0).map(s -> Math.round(s.fraction() * 1000) / 10.0).orElse(-1.0);
    }

    @Override
    public long getCurrentSecondsLeft() {
        return current().map(ReadingProgress.Snapshot::secondsLeft).orElse(-1L);
    }

    @Override
    public String getLastExport() {
        return figures.lastExport().map(e -> e.id() + " " + e.fileName()).orElse("");
    }

    @Override
    public String getLastExportStatus() {
        return figures.lastExport().map(LastExport::status).orElse("");
    }

    @Override
    public String getLastExportReceived() {
        return figures.lastExport().map(e -> Objects.toString(e.receivedAt(), "")).orElse("");
    }

    @Override
    public String getLastExportReason() {
        return figures.lastExport().map(e -> Objects.toString(e.reason(), "")).orElse("");
    }

    @Override
    public boolean isPaused() {
        return operations.intakePaused();
    }
}
