package dev.caregap.ingest;

import dev.caregap.cleaning.Cleaned;
import dev.caregap.cleaning.Cleaner;
import dev.caregap.config.Studies;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.read.ExportRejectedException;
import dev.caregap.read.RawResponse;
import dev.caregap.store.ExportStore;
import dev.caregap.store.RespondentStore;
import dev.caregap.store.RespondentWriter;
import dev.caregap.study.Study;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads, cleans and stores one export, streaming: rows are cleaned and written in batches as they are read.
 * A file rejected part-way leaves nothing behind; the same content twice is a repeat and stores nothing.
 */
@Component
public class ExportIngestion {

    private static final Logger log = LoggerFactory.getLogger(ExportIngestion.class);

    private final ExportReader reader;
    private final ExportStore exports;
    private final RespondentStore respondents;
    private final Map<String, Cleaner> cleaners;
    private final TransactionTemplate transaction;

    public ExportIngestion(Studies studies, ExportReader reader, ExportStore exports, RespondentStore respondents,
                           PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.reader = reader;
        this.exports = exports;
        this.respondents = respondents;
        this.cleaners = studies.all().stream().collect(Collectors.toMap(Study::id, Cleaner::new));
    }

    public IngestOutcome ingest(Arrival arrival) {
        return ingest(arrival, exports.ingestedWithHash(arrival.contentHash()).orElse(null));
    }

    /**
     * @param repeatOf the export that already brought the same content (looked up by the route), or null
     */
    public IngestOutcome ingest(Arrival arrival, Long repeatOf) {
        if (repeatOf != null) {
            String reason = "the same content was already ingested as export " + repeatOf + "; nothing changed";
            long id = exports.register(arrival, ExportStore.REPEAT, repeatOf, reason);
            return new IngestOutcome(IngestOutcome.Status.REPEAT, id, arrival.fileName(), null, null, 0, 0, 0, 0, reason, "");
        }
        long exportId = exports.register(arrival, ExportStore.READING, null, null);
        try {
            return read(exportId, arrival);
        } catch (ExportRejectedException e) {
            respondents.deleteExport(exportId);
            exports.markRejected(exportId, e.getMessage() + (e.details().isBlank() ? "" : " " + e.details()));
            return new IngestOutcome(IngestOutcome.Status.REJECTED, exportId, arrival.fileName(), null, null, 0, 0, 0, 0,
                    e.getMessage(), e.details());
        } catch (RuntimeException e) {
            // Not the file's fault (a bug, the database gone): undo what was stored, then let the route report it.
            try {
                respondents.deleteExport(exportId);
                exports.markRejected(exportId, "unexpected error: " + e);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private IngestOutcome read(long exportId, Arrival arrival) {
        try (Export export = reader.open(arrival.file(), arrival.fileName())) {
            Study study = export.study();
            Cleaner cleaner = cleaners.get(study.id());
            RespondentWriter writer = respondents.writer(exportId, study.id());
            long rows = 0;
            long included = 0;
            long issues = 0;
            while (export.hasNext()) {
                RawResponse raw = export.next();
                Cleaned cleaned = cleaner.clean(raw);
                writer.add(cleaned.respondent(), cleaned.issues());
                rows++;
                included += cleaned.respondent().included() ? 1 : 0;
                issues += cleaned.issues().size();
            }
            writer.flush();
            // one transaction: a run never sees the export counted before its duplicates are settled
            long rowsRead = rows;
            transaction.executeWithoutResult(status -> {
                exports.markIngested(exportId, study.id(), export.layout().label(), export.format(),
                        String.join(",", export.segments()), rowsRead);
                respondents.markDuplicates(study.id());
            });
            IngestOutcome outcome = new IngestOutcome(IngestOutcome.Status.INGESTED, exportId, arrival.fileName(), study.id(),
                    export.layout().label(), rows, included, rows - included, issues,
                    rows == 0 ? "the export has headers but no responses: accepted with 0 respondents" : null, "");
            log.info(outcome.summary());
            return outcome;
        }
    }

    /**
     * A stop part-way through an export leaves it READING; its rows never counted, so they are removed at
     * start-up (the file itself never left the inbox, so it is read again).
     */
    @PostConstruct
    public void sweepUnfinished() {
        for (Long exportId : exports.unfinished()) {
            respondents.deleteExport(exportId);
            exports.markRejected(exportId, "interrupted before the end; the file is read again from where it was dropped");
            log.warn("Export {} was interrupted by a stop; its partial rows were removed", exportId);
        }
    }

}
