package dev.caregap.ingest;

import dev.caregap.read.Arrival;
import dev.caregap.cleaning.Cleaned;
import dev.caregap.cleaning.Cleaner;
import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.figures.FigureTallies;
import dev.caregap.quality.ExportCount;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.read.ExportRejectedException;
import dev.caregap.read.RawResponse;
import dev.caregap.results.ExportResponses;
import dev.caregap.store.AnswerCodes;
import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RespondentStore;
import dev.caregap.store.RespondentWriter;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
import dev.caregap.store.TallyStore;
import dev.caregap.study.Question;
import dev.caregap.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads, cleans and stores one export, streaming: rows are cleaned and written in batches as they are read.
 * The content is claimed first (its unique key in the database decides repeats, also between instances);
 * the export is marked ingested with its counts, its figure tallies kept, the duplicates it brings settled and a
 * run asked for in one transaction,
 * and only after that commit does the route move the file out of the inbox. Its identities and their sorted run are
 * written after that commit (IdentityWriting). A file rejected part-way leaves nothing behind.
 */
@Component
public class ExportIngestion {

    private static final Logger log = LoggerFactory.getLogger(ExportIngestion.class);

    private final ExportReader reader;
    private final ExportStore exports;
    private final RespondentStore respondents;
    private final TallyStore tallies;
    private final StudyLock studyLock;
    private final RunStore runs;
    private final Map<String, Cleaner> cleaners;
    /** Each study's answer codes: its question ids, in its order. */
    private final Map<String, AnswerCodes> answerCodes;
    private final TransactionTemplate transaction;
    private final CaregapProperties settings;
    private final Heartbeat heartbeat;
    private final ReadingProgress progress;
    private final ExportResponses exportResponses;
    private final IdentityWriting identityWriting;
    private final Set<Long> removing = ConcurrentHashMap.newKeySet();

    public ExportIngestion(Studies studies, ExportReader reader, ExportStore exports, RespondentStore respondents,
                           TallyStore tallies, StudyLock studyLock, RunStore runs, Heartbeat heartbeat, PlatformTransactionManager transactions,
                           CaregapProperties settings, ReadingProgress progress, ExportResponses exportResponses,
                           IdentityWriting identityWriting) {
        this.exportResponses = exportResponses;
        this.identityWriting = identityWriting;
        this.heartbeat = heartbeat;
        this.progress = progress;
        this.transaction = new TransactionTemplate(transactions);
        this.reader = reader;
        this.exports = exports;
        this.respondents = respondents;
        this.tallies = tallies;
        this.studyLock = studyLock;
        this.runs = runs;
        this.settings = settings;
        this.cleaners = studies.all().stream().collect(Collectors.toMap(Study::id, Cleaner::new));
        this.answerCodes = studies.all().stream().collect(Collectors.toMap(Study::id,
                study -> AnswerCodes.of(study.questions().stream().map(Question::id).toList())));
    }

    public IngestOutcome ingest(Arrival arrival) {
        long exportId = claim(arrival);
        if (exportId < 0) {
            long repeatOf = -exportId;
            String reason = "the same content was already ingested as export " + repeatOf + "; nothing changed";
            long id = exports.registerRepeat(arrival, repeatOf, reason);
            return new IngestOutcome(IngestOutcome.Status.REPEAT, id, arrival.fileName(), null, null, 0, 0, 0, 0, reason, "");
        }
        return heartbeat.whileHolding(Heartbeat.Work.EXPORT, exportId, () -> readOrUndo(exportId, arrival));
    }

    /**
     * Reads a claimed export; whatever goes wrong before its ingest transaction commits, nothing of it stays stored.
     * What fails after that commit (closing the file, handing its identities on) undoes nothing: it is stored.
     */
    private IngestOutcome readOrUndo(long exportId, Arrival arrival) {
        Committed committed = new Committed();
        try {
            return read(exportId, arrival, committed);
        } catch (CommitUnknown | TakenOver e) {
            throw leftInPlace(exportId, arrival, e);
        } catch (RuntimeException e) {
            if (committed.outcome != null) {
                log.warn("Export {} {} is stored; what failed after its commit ({}) is left to the sweeps", exportId,
                        arrival.fileName(), e.toString(), e);
                return committed.outcome;
            }
            return undo(exportId, arrival, e);
        }
    }

    /** The outcome of an export whose ingest transaction committed, once it did. */
    private static final class Committed {
        private IngestOutcome outcome;
    }

    /** An export whose fate this instance cannot settle: nothing is undone, and the file stays to be tried again. */
    private static <E extends RuntimeException> E leftInPlace(long exportId, Arrival arrival, E failure) {
        log.warn("Export {} {}: {}", exportId, arrival.fileName(), failure.getMessage());
        return failure;
    }

    private IngestOutcome undo(long exportId, Arrival arrival, RuntimeException failure) {
        if (failure instanceof ExportRejectedException e) {
            if (!rejectOwn(exportId, e.getMessage() + (e.details().isBlank() ? "" : " " + e.details()))) {
                throw leftInPlace(exportId, arrival, new TakenOver(exportId, e));
            }
            return new IngestOutcome(IngestOutcome.Status.REJECTED, exportId, arrival.fileName(), null, null, 0, 0, 0, 0,
                    e.getMessage(), e.details());
        }
        // Not the file's fault (a bug, the database gone): undo what was stored, then let the route report it.
        // Should the database be gone, the export's lease runs out and whichever instance is alive undoes it.
        boolean own;
        try {
            own = rejectOwn(exportId, "unexpected error: " + failure);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
            throw failure;
        }
        if (!own) {
            throw leftInPlace(exportId, arrival, new TakenOver(exportId, failure));
        }
        throw failure;
    }

    /**
     * Removes the rows of an export that failed and marks it rejected, while it is still this instance's; false when
     * another instance took it over meanwhile: then its rows and its status are that instance's to settle.
     */
    private boolean rejectOwn(long exportId, String reason) {
        if (!exports.reading(exportId, settings.instance())) {
            return false;
        }
        respondents.deleteExport(exportId);
        return exports.markRejected(exportId, settings.instance(), reason);
    }

    /**
     * Claims the arrival's content: the new export's number, or minus the number of the export that already
     * ingested it. Content another instance is reading right now is waited for (it ends ingested, and this is a
     * repeat, or gives the content up); content whose reader died is taken over.
     */
    private long claim(Arrival arrival) {
        while (true) {
            Instant now = Instant.now();
            ExportStore.ContentClaim claim = exports.claim(arrival, settings.instance(), now.plus(settings.work().lease()));
            if (claim.claimed() != null) {
                return claim.claimed();
            }
            if (ExportStore.INGESTED.equals(claim.holderState())) {
                return -claim.heldBy();
            }
            if (claim.heldBy() == null) {
                continue;  // given up meanwhile: claim again
            }
            boolean leftHere = settings.instance().equals(claim.holderOwner()) && !heartbeat.holds(Heartbeat.Work.EXPORT, claim.heldBy());
            if (leftHere) {
                // an earlier attempt of this instance that could not clean up (the database was gone): no one reads it
                interrupt(claim.heldBy(), Instant.MAX);
            } else if (claim.holderLease() == null || claim.holderLease().isBefore(now)) {
                interrupt(claim.heldBy(), now);
            } else {
                pause(settings.work().poll());
            }
        }
    }

    /** Takes over an export whose lease ran out before {@code expiredBefore}: what it stored is removed. */
    private void interrupt(long exportId, Instant expiredBefore) {
        String reason = "interrupted: the instance reading it stopped; its rows were removed and the file is read again";
        if (exports.interrupt(exportId, settings.instance(), expiredBefore, reason)) {
            remove(exportId);
            log.warn("Export {} {} was interrupted by the stop of the instance reading it; its rows were removed",
                    exportId, exports.fileName(exportId));
        }
    }

    /**
     * Takes over every export whose reader stopped renewing its lease, and finishes removing the rows of interrupted
     * exports whose removal a stop cut short (a scheduled sweep).
     */
    public void interruptAbandoned() {
        Instant now = Instant.now();
        for (long exportId : exports.abandoned(now)) {
            // one this instance is still reading only looks abandoned when its renewals were held up: never ours
            if (!heartbeat.holds(Heartbeat.Work.EXPORT, exportId)) {
                interrupt(exportId, now);
            }
        }
        // marked INTERRUPTED in one commit, its rows removed a page at a time after it: a stop in between leaves rows
        // that count for nothing, and only this sweep would ever remove them
        for (long exportId : respondents.interruptedWithRows()) {
            if (!removing.contains(exportId)) {
                remove(exportId);
                log.info("Export {} {}: the rows left by an interrupted removal were removed", exportId, exports.fileName(exportId));
            }
        }
    }

    /** Removes an export's rows; the sweep leaves alone those this instance is removing already. */
    private void remove(long exportId) {
        removing.add(exportId);
        try {
            respondents.deleteExport(exportId);
        } finally {
            removing.remove(exportId);
        }
    }

    private IngestOutcome read(long exportId, Arrival arrival, Committed committed) {
        log.info("Reading export {} {}", exportId, arrival.fileName());
        ReadingProgress.Reading reading = progress.start(exportId, arrival.fileName(), arrival.sizeBytes());
        try (reading; Export export = reader.open(arrival.file(), arrival.fileName());
             // the export's rows of responses.csv, written as it is read; in place as its ingest transaction ends
             ExportResponses.Writer tidy = exportResponses.writer(export.study(), exportId, arrival.contentHash(), AnswerCodes::keptAsIs);
             // closed before a rejection removes what was stored: no batch is written after that; it hands each
             // respondent to the export's rows of responses.csv on its storing thread
             RespondentWriter writer = respondents.writer(exportId, export.study().id(), answerCodes.get(export.study().id()), tidy::add)) {
            Study study = export.study();
            Cleaner cleaner = cleaners.get(study.id());
            // what the export adds to a run's figures, counted as it streams by (duplicates are taken off by the run)
            FigureTallies tallied = new FigureTallies(study);
            ExportCount counted = new ExportCount();
            long issues = 0;
            while (export.hasNext()) {
                RawResponse raw = export.next();
                Cleaned cleaned = cleaner.clean(raw);
                writer.add(cleaned.respondent(), cleaned.issues());
                tallied.add(cleaned.respondent());
                counted.add(cleaned.respondent());
                reading.row(export.bytesRead());
                issues += cleaned.issues().size();
            }
            writer.flush();
            // committed a batch at a time before the ingest transaction; they count once it marks the export ingested
            log.info("Export {} {} read: settling its duplicates", exportId, arrival.fileName());
            Long runId;
            try {
                runId = settleAndCount(exportId, export, counted, tallied, tidy, writer);
            } catch (CommitUnknown e) {
                throw e;  // the export may be stored: its file stays in place, read by runs only if it is
            } catch (RuntimeException e) {
                tidy.withdraw();  // the export did not become stored after all
                throw e;
            }
            IngestOutcome outcome = new IngestOutcome(IngestOutcome.Status.INGESTED, exportId, arrival.fileName(), study.id(),
                    export.layout().label(), counted.rows(), counted.included(), counted.excluded(), issues,
                    counted.rows() == 0 ? "the export has headers but no responses: accepted with 0 respondents" : null, "");
            committed.outcome = outcome;
            // the export counts: its identities are written while its run is computed
            identityWriting.submit(respondents.pendingIdentities(study.id(), exportId, writer));
            log.info(outcome.summary());
            log.info("Run {} of {} requested: it starts once no other export of the study has landed for {} s",
                    runId, study.id(), settings.runs().quiet().toMillis() / 1000.0);
            return outcome;
        }
    }

    /**
     * One transaction, under the study's lock: settles the export's duplicates, marks it ingested (its identities
     * pending) and asks for a run, so a run never sees the export before its duplicates are settled, and the run it
     * asks for is the one that will count it. An export of the study whose identities are still being written is
     * waited for (RespondentStore.settleDuplicates); one whose instance stopped part-way through them would never
     * be written: the transaction is rolled back and tried again once they were taken over.
     */
    private Long settleAndCount(long exportId, Export export, ExportCount counted, FigureTallies tallied,
                                ExportResponses.Writer tidy, RespondentWriter writer) {
        String study = export.study().id();
        Long waitingFor = null;
        while (true) {
            Long stalled = respondents.identitiesStalled(study, exportId);  // waited for out of the lock
            if (stalled != null) {
                if (!stalled.equals(waitingFor)) {
                    log.info("Export {}: settling once the identities export {} left pending are taken over", exportId, stalled);
                    waitingFor = stalled;
                }
                pause(IDENTITIES_PENDING_PAUSE);
                continue;
            }
            Requested requested = new Requested();
            try {
                return transaction.execute(status -> {
                    studyLock.lock(study);
                    respondents.settleDuplicates(study, exportId, writer, identityWriting);
                    if (!exports.markIngested(exportId, settings.instance(), Instant.now().plus(settings.work().lease()), study,
                            export.layout().label(), export.format(), String.join(",", export.segments()), counted)) {
                        throw new TakenOver(exportId, null);
                    }
                    tallies.save(exportId, tallied);
                    Long run = runs.request(study, exportId, Instant.now(), settings.runs().quiet(), settings.runs().cap());
                    // in place before the commit, which a run may see before this thread is back from writing it
                    tidy.complete();
                    requested.beforeCommit(run);
                    return run;
                });
            } catch (RespondentStore.IdentitiesStalled e) {
                // rolled back: settled again once another instance took the stalled identities over
                log.debug("Export {}: {}", exportId, e.getMessage());
            } catch (RuntimeException e) {
                if (!requested.done) {
                    throw e;  // failed before its commit: rolled back
                }
                return committedAfterAll(exportId, requested.runId, e);
            }
        }
    }

    /** The run an ingest transaction asked for, once all but its commit is done. */
    private static final class Requested {
        private boolean done;
        private Long runId;

        void beforeCommit(Long runId) {
            this.runId = runId;
            this.done = true;
        }
    }

    /**
     * After the commit of an export's ingest transaction threw, when the database may have committed it all the same
     * (the connection dropped before its answer came back): asks the database. Stored, the export goes on as
     * committed (the run it asked for is returned); not stored, the failure is thrown and the export undone as any
     * failure before its commit. When the database cannot be asked either, nothing is undone: the file stays in the
     * inbox and is tried again, then found a repeat of this export, or this export interrupted and the file read anew.
     */
    private Long committedAfterAll(long exportId, Long runId, RuntimeException commitFailure) {
        boolean stored;
        try {
            stored = exports.ingested(exportId);
        } catch (RuntimeException asking) {
            commitFailure.addSuppressed(asking);
            throw new CommitUnknown(exportId, commitFailure);
        }
        if (!stored) {
            throw commitFailure;
        }
        log.warn("Export {}: the commit of its ingest transaction reported {}, yet the database has it ingested: it is stored",
                exportId, commitFailure.toString());
        return runId;
    }

    /**
     * The commit of an export's ingest transaction threw and the database could not say whether it happened. A
     * transaction failure, so the intake leaves the file in the inbox and tries it again later.
     */
    static final class CommitUnknown extends TransactionSystemException {
        CommitUnknown(long exportId, Throwable commitFailure) {
            super("whether export " + exportId + " was committed is not known (its commit failed: " + commitFailure
                    + ", and the database could not be asked): nothing is undone, and the file stays to be tried again",
                    commitFailure);
        }
    }

    /**
     * The export was taken over by another instance while this one read it (its lease ran out: its renewals were held
     * up). It is that instance's now, which removes its rows; nothing of it is undone here. A concurrency failure, so
     * the intake leaves the file in the inbox and reads it again, as a new export (or a repeat, should the same content
     * have been ingested meanwhile).
     */
    static final class TakenOver extends OptimisticLockingFailureException {
        TakenOver(long exportId, RuntimeException failure) {
            super("export " + exportId + " was taken over by another instance while it was read (its lease ran out):"
                    + " nothing of it is undone here, and the file stays to be read again"
                    + (failure == null ? "" : "; reading it here had ended in " + failure), failure);
        }
    }

    /** How often an export waiting to settle looks whether the identities a stopped instance left pending were taken over. */
    private static final Duration IDENTITIES_PENDING_PAUSE = Duration.ofMillis(50);

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another instance was reading the same content", e);
        }
    }
}
