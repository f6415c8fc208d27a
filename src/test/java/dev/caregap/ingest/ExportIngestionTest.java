package dev.caregap.ingest;

import dev.caregap.read.Arrival;
import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.read.ExportReader;
import dev.caregap.results.ExportResponses;
import dev.caregap.results.Folders;
import dev.caregap.store.ExportStore;
import dev.caregap.store.Heartbeat;
import dev.caregap.store.RespondentStore;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
import dev.caregap.store.StoredRespondents;
import dev.caregap.store.TallyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

/** Ingestion against the embedded H2 with the real migrations, without the routes. */
@JdbcTest
@Import({ExportIngestion.class, IdentityWriting.class, ReadingProgress.class, ExportStore.class, RespondentStore.class, TallyStore.class, StoredRespondents.class, StudyLock.class,
        RunStore.class, Heartbeat.class, ExportIngestionTest.Core.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ExportIngestionTest {

    @TestConfiguration
    @EnableConfigurationProperties(CaregapProperties.class)
    static class Core {
        @Bean
        Studies studies() {
            return new Studies(Path.of("studies"));
        }

        @Bean
        ExportReader exportReader(Studies studies) {
            return new ExportReader(studies.all());
        }

        @Bean
        ResponsesFolder responsesFolder() throws IOException {
            return new ResponsesFolder(Files.createTempDirectory("caregap-responses"));
        }

        @Bean
        ExportResponses exportResponses(ResponsesFolder folder) {
            return new ExportResponses(folder.path());
        }
    }

    /** The folder of the exports' rows of responses.csv, removed with the context (closed as the tests end). */
    record ResponsesFolder(Path path) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Folders.delete(path);
        }
    }

    @Autowired
    ExportIngestion ingestion;
    /** The real one; a test may make it fail. */
    @MockitoSpyBean
    IdentityWriting identityWriting;
    /** The real ones; a test may make an ingest transaction's commit throw after it happened, or the asking after it fail. */
    @MockitoSpyBean
    PlatformTransactionManager transactions;
    @MockitoSpyBean
    ExportStore exports;
    /** The real one; a test may have another instance take an export over while it is read. */
    @MockitoSpyBean
    RespondentStore respondents;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExportResponses exportResponses;
    @Autowired
    Studies studies;
    @TempDir
    Path folder;

    @Test
    void aFileThatBreaksAfterThousandsOfRowsLeavesNothingStored() throws IOException {
        Path file = tidy("broken.csv", 5_000, true);
        IngestOutcome outcome = ingestion.ingest(arrival(file));
        assertThat(outcome.rejected()).isTrue();
        assertThat(outcome.reason()).contains("ends inside a quoted field").contains("row 5002");
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", Long.class, outcome.exportId())).isZero();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, outcome.exportId()))
                .isEqualTo("REJECTED");
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)  // its identities are left pending
    void aFailureAfterTheIngestCommitUndoesNothingAndTheExportIsStored() throws IOException {
        doThrow(new IllegalStateException("handing the identities on failed")).when(identityWriting).submit(any());
        IngestOutcome outcome = ingestion.ingest(arrival(tidy("wave-after-commit.csv", 30, false)));
        assertThat(outcome.ingested()).isTrue();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, outcome.exportId()))
                .isEqualTo("INGESTED");
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?",
                Long.class, outcome.exportId())).isEqualTo(30);
        assertThat(jdbc.queryForObject("select identities_pending from survey_export where id = ?", Boolean.class,
                outcome.exportId())).as("left for the sweep once their lease runs out").isTrue();
    }

    @Test
    void anIngestWhoseCommitHappenedButWhoseAnswerWasLostIsStoredAndCounts() throws IOException {
        commitOfTheIngestTransaction(true);
        IngestOutcome outcome = ingestion.ingest(arrival(tidy("wave-answer-lost.csv", 30, false)));
        assertThat(outcome.ingested()).as("the file leaves the inbox as read").isTrue();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, outcome.exportId()))
                .isEqualTo("INGESTED");
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?",
                Long.class, outcome.exportId())).isEqualTo(30);
        assertThat(exportResponses.file(studies.byId(outcome.study()), outcome.exportId(),
                jdbc.queryForObject("select content_hash from survey_export where id = ?", String.class, outcome.exportId())))
                .as("its rows of responses.csv stay in place").exists();
        awaitIdentitiesWritten(outcome.exportId());
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)  // its identities are left pending
    void anIngestWhoseCommitMayHaveHappenedUndoesNothingWhenTheDatabaseCannotBeAskedAndIsARepeatWhenTriedAgain()
            throws IOException {
        commitOfTheIngestTransaction(true);
        doThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new SQLException("connection refused", "08001")))
                .when(exports).ingested(anyLong());
        Arrival arrival = arrival(tidy("wave-unknown.csv", 30, false));
        assertThatThrownBy(() -> ingestion.ingest(arrival))
                .as("a kind of failure that leaves the file in the inbox, to be tried again")
                .isInstanceOfAny(DataAccessException.class, TransactionException.class);
        long exportId = jdbc.queryForObject("select max(id) from survey_export where file_name = 'wave-unknown.csv'", Long.class);
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, exportId))
                .isEqualTo("INGESTED");
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?",
                Long.class, exportId)).isEqualTo(30);

        IngestOutcome again = ingestion.ingest(arrival);
        assertThat(again.repeat()).isTrue();
        assertThat(again.reason()).contains("export " + exportId);
    }

    @Test
    void anIngestWhoseCommitFailedIsUndoneAsAnyFailureBeforeItsCommit() throws IOException {
        commitOfTheIngestTransaction(false);
        Arrival arrival = arrival(tidy("wave-rolled-back.csv", 30, false));
        assertThatThrownBy(() -> ingestion.ingest(arrival)).isInstanceOf(DataAccessResourceFailureException.class);
        long exportId = jdbc.queryForObject("select max(id) from survey_export where file_name = 'wave-rolled-back.csv'", Long.class);
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, exportId))
                .isEqualTo("REJECTED");
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?",
                Long.class, exportId)).isZero();
    }

    /**
     * Makes the commit of the next ingest transaction (the one that marks its export ingested) throw as when the
     * connection drops: after the database committed it ({@code happened}), or before (rolled back).
     */
    private void commitOfTheIngestTransaction(boolean happened) {
        AtomicReference<Thread> marking = new AtomicReference<>();
        doAnswer(call -> {
            Object marked = call.callRealMethod();
            marking.set(Thread.currentThread());
            return marked;
        }).when(exports).markIngested(anyLong(), any(), any(), any(), any(), any(), any(), any());
        doAnswer(call -> {
            if (!marking.compareAndSet(Thread.currentThread(), null)) {
                return call.callRealMethod();
            }
            if (happened) {
                call.callRealMethod();
            } else {
                transactions.rollback(call.getArgument(0));
            }
            throw new DataAccessResourceFailureException("JDBC commit; connection reset",
                    new SQLException("connection reset", "08006"));
        }).when(transactions).commit(any());
    }

    @Test
    void anExportTakenOverWhileItWasReadIsLeftToItsTakerAndItsFileIsReadAgainOnce() throws IOException {
        Arrival arrival = arrival(tidy("slow.csv", 30, false));
        takenOverOnceItsRowsAreWritten(null);
        assertThatThrownBy(() -> ingestion.ingest(arrival))
                .as("a kind of failure that leaves the file in the inbox, to be read again")
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("taken over by another instance");
        long takenOver = jdbc.queryForObject("select max(id) from survey_export where file_name = 'slow.csv'", Long.class);
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, takenOver))
                .as("as its taker left it").isEqualTo("INTERRUPTED");

        IngestOutcome again = ingestion.ingest(arrival);
        assertThat(again.ingested()).isTrue();
        awaitIdentitiesWritten(again.exportId());
        assertThat(jdbc.queryForList("select status from survey_export where file_name = 'slow.csv' order by id", String.class))
                .containsExactly("INTERRUPTED", "INGESTED");
        assertThat(jdbc.queryForObject("""
                select coalesce(sum(r.respondents), 0) from respondent_block r join survey_export e on e.id = r.export_id
                where e.file_name = 'slow.csv'""", Long.class)).isEqualTo(30);
    }

    @Test
    void anExportTakenOverBeforeAnUnexpectedErrorIsLeftToItsTakerAndItsFileIsReadAgain() throws IOException {
        Arrival arrival = arrival(tidy("slow-and-failing.csv", 30, false));
        takenOverOnceItsRowsAreWritten(new IllegalStateException("settling failed"));
        assertThatThrownBy(() -> ingestion.ingest(arrival))
                .as("a kind of failure that leaves the file in the inbox, to be read again")
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("taken over by another instance").hasMessageContaining("settling failed");
        assertThat(jdbc.queryForList("select status from survey_export where file_name = 'slow-and-failing.csv'", String.class))
                .as("as its taker left it").containsExactly("INTERRUPTED");

        assertThat(ingestion.ingest(arrival).ingested()).isTrue();
    }

    @Test
    void aBrokenFileWhoseExportWasTakenOverWhileItWasReadIsLeftToItsTakerAndRejectedWhenReadAgain() throws IOException {
        Arrival arrival = arrival(tidy("slow-broken.csv", 3_000, true));
        AtomicBoolean first = new AtomicBoolean(true);
        doAnswer(call -> {
            if (first.getAndSet(false)) {
                takeOver(call.getArgument(0));
            }
            return call.callRealMethod();
        }).when(respondents).writer(anyLong(), any(), any(), any());
        assertThatThrownBy(() -> ingestion.ingest(arrival))
                .as("a kind of failure that leaves the file in the inbox, to be read again")
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("taken over by another instance").hasMessageContaining("ends inside a quoted field");
        long takenOver = jdbc.queryForObject("select max(id) from survey_export where file_name = 'slow-broken.csv'", Long.class);
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, takenOver))
                .as("as its taker left it").isEqualTo("INTERRUPTED");
        ingestion.interruptAbandoned();
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?",
                Long.class, takenOver)).as("the rows written after it was taken over, removed by the sweep").isZero();

        IngestOutcome again = ingestion.ingest(arrival);
        assertThat(again.rejected()).isTrue();
        assertThat(jdbc.queryForList("select status from survey_export where file_name = 'slow-broken.csv' order by id", String.class))
                .containsExactly("INTERRUPTED", "REJECTED");
    }

    /**
     * Has another instance take the next export over once its rows are written, before its ingest transaction, as
     * when this one's lease ran out; then, when {@code then} is given, reading it here fails so.
     */
    private void takenOverOnceItsRowsAreWritten(RuntimeException then) {
        AtomicBoolean first = new AtomicBoolean(true);
        doAnswer(call -> {
            if (first.getAndSet(false)) {
                takeOver(call.getArgument(1));
                if (then != null) {
                    throw then;
                }
            }
            return call.callRealMethod();
        }).when(respondents).identitiesStalled(any(), anyLong());
    }

    /** What another instance does to an export whose lease ran out: marks it interrupted, then removes its rows. */
    private void takeOver(long exportId) {
        jdbc.update("update survey_export set lease_until = ? where id = ?", Timestamp.from(Instant.now().minusSeconds(60)), exportId);
        assertThat(exports.interrupt(exportId, "other-instance", Instant.now(), "interrupted: the instance reading it stopped"))
                .isTrue();
        respondents.deleteExport(exportId);
    }

    @Test
    void theSameContentTwiceIsARepeatWhateverItsName() throws IOException {
        Path first = tidy("wave-1.csv", 40, false);
        Path renamed = Files.copy(first, folder.resolve("wave-1 (copy).csv"));
        IngestOutcome ingested = ingestion.ingest(arrival(first));
        IngestOutcome repeat = ingestion.ingest(arrival(renamed));
        assertThat(ingested.ingested()).isTrue();
        assertThat(ingested.rowsRead()).isEqualTo(40);
        assertThat(repeat.repeat()).isTrue();
        assertThat(repeat.reason()).contains("export " + ingested.exportId());
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", Long.class, repeat.exportId())).isZero();
    }

    @Test
    void aHeaderOnlyExportIsAcceptedWithNoRespondentsAndSaysSo() throws IOException {
        IngestOutcome outcome = ingestion.ingest(arrival(tidy("empty-wave.csv", 0, false)));
        assertThat(outcome.ingested()).isTrue();
        assertThat(outcome.rowsRead()).isZero();
        assertThat(outcome.summary()).contains("0 respondents read").contains("accepted with 0 respondents");
    }

    @Test
    void twoCopiesArrivingAtOnceAreReadOnceAndTheOtherIsARepeat() throws Exception {
        Path first = tidy("drop-a.csv", 3_000, false);
        Path second = Files.copy(first, folder.resolve("drop-b.csv"));
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<IngestOutcome> a = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> ingestion.ingest(arrival(first))));
        CompletableFuture<IngestOutcome> b = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> ingestion.ingest(arrival(second))));
        start.countDown();
        List<IngestOutcome> outcomes = List.of(a.get(), b.get());
        assertThat(outcomes).filteredOn(IngestOutcome::ingested).hasSize(1);
        assertThat(outcomes).filteredOn(IngestOutcome::repeat).hasSize(1);
        assertThat(jdbc.queryForObject("select coalesce(sum(r.respondents), 0) from respondent_block r join survey_export e on e.id = r.export_id where e.file_name like 'drop-%'",
                Long.class)).isEqualTo(3_000);
    }

    @Test
    void exportsLandingTogetherAskForOneRun() throws IOException {
        IngestOutcome one = ingestion.ingest(arrival(tidy("together-1.csv", 5, false)));
        IngestOutcome two = ingestion.ingest(arrival(tidy("together-2.csv", 5, false)));
        List<Long> requested = jdbc.queryForList("select id from study_run where status = 'REQUESTED' and study = ?", Long.class, one.study());
        assertThat(requested).hasSize(1);
        assertThat(jdbc.queryForObject("select trigger_export_id from study_run where id = ?", Long.class, requested.get(0)))
                .as("the run keeps the export that asked first").isLessThanOrEqualTo(one.exportId());
    }

    @Test
    void contentWhoseReaderDiedIsTakenOverItsRowsRemovedAndItIsReadAgain() throws IOException {
        Path file = tidy("orphan.csv", 30, false);
        IngestOutcome first = ingestion.ingest(arrival(file));
        awaitIdentitiesWritten(first.exportId());
        // make it look like an instance that died while reading it: READING, rows half there, lease run out, and
        // no identities yet (an export's identities are written only once it is ingested)
        jdbc.update("update survey_export set status = 'READING', owner = 'dead-instance', lease_until = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(60)), first.exportId());
        jdbc.update("delete from respondent_identity where export_id = ?", first.exportId());
        IngestOutcome again = ingestion.ingest(arrival(file));
        assertThat(again.ingested()).isTrue();
        assertThat(again.exportId()).isNotEqualTo(first.exportId());
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, first.exportId()))
                .isEqualTo("INTERRUPTED");
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", Long.class, first.exportId())).isZero();
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", Long.class, again.exportId())).isEqualTo(30);
    }

    @Test
    void rowsLeftByARemovalAStopCutShortAreRemovedByTheNextSweepWithTheirIdentities() throws IOException {
        Path file = tidy("cut-short.csv", 12_000, false);
        IngestOutcome stored = ingestion.ingest(arrival(file));
        awaitIdentitiesWritten(stored.exportId());
        // as a stop leaves it between the commit that marks it INTERRUPTED and the end of removing its rows
        jdbc.update("update survey_export set status = 'INTERRUPTED', lease_until = null where id = ?", stored.exportId());
        jdbc.update("delete from export_content where export_id = ?", stored.exportId());
        assertThat(jdbc.queryForObject("select count(*) from respondent_identity where export_id = ?", Long.class,
                stored.exportId())).as("identities written after it was ingested").isPositive();

        ingestion.interruptAbandoned();

        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", Long.class, stored.exportId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from respondent_identity where export_id = ?", Long.class,
                stored.exportId())).isZero();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, stored.exportId()))
                .isEqualTo("INTERRUPTED");
    }

    @Test
    void anExportSettlesOnlyOnceTheIdentitiesAnotherInstanceLeftPendingAreWrittenAgainThenFindsItsDuplicates()
            throws Exception {
        String ids = Long.toString(System.nanoTime(), 36);
        IngestOutcome first = ingestion.ingest(arrival(tidy("wave-1.csv", ids, 40, "2026-03-01T10:00:00Z")));
        awaitIdentitiesWritten(first.exportId());
        // as another instance leaves it once it was ingested: its identities not written yet, its lease still running
        jdbc.update("update survey_export set identities_pending = true, owner = 'other-instance', lease_until = ? where id = ?",
                Timestamp.from(Instant.now().plusSeconds(3600)), first.exportId());
        jdbc.update("delete from respondent_identity where export_id = ?", first.exportId());

        CompletableFuture<IngestOutcome> second = CompletableFuture.supplyAsync(
                () -> ingestion.ingest(arrival(uncheckedTidy("wave-2.csv", ids, 40, "2026-03-02T10:00:00Z"))));
        Thread.sleep(1_500);
        assertThat(second).as("it waits to settle").isNotDone();
        assertThat(jdbc.queryForObject("select count(*) from respondent_duplicate where export_id = ?", Long.class,
                first.exportId())).isZero();

        // the other instance stopped: once its lease ran out, the sweep writes the identities again from the rows
        jdbc.update("update survey_export set lease_until = ? where id = ?", Timestamp.from(Instant.now().minusSeconds(1)),
                first.exportId());
        identityWriting.takeOverAbandoned();
        IngestOutcome landed = second.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(landed.ingested()).isTrue();
        awaitIdentitiesWritten(landed.exportId());
        assertThat(jdbc.queryForObject("select count(*) from respondent_identity where export_id = ?", Long.class,
                first.exportId())).isEqualTo(40);
        assertThat(jdbc.queryForObject("select count(*) from respondent_duplicate where export_id = ?", Long.class,
                first.exportId())).as("each of the first wave's respondents answered again a day later").isEqualTo(40);
        assertThat(jdbc.queryForObject("select count(*) from respondent_duplicate where export_id = ?", Long.class,
                landed.exportId())).isZero();
    }

    @Test
    void anIngestedExportHasItsRowsOfResponsesCsvInPlaceWithNoPartialLeft() throws IOException {
        IngestOutcome ingested = ingestion.ingest(arrival(tidy("kept.csv", 12, false)));
        Path kept = exportResponses.file(studies.byId(ingested.study()), ingested.exportId(),
                jdbc.queryForObject("select content_hash from survey_export where id = ?", String.class, ingested.exportId()));
        assertThat(kept).exists();
        assertThat(Files.readAllLines(kept)).hasSize(12);
        try (var files = Files.list(kept.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    /** Waits until the identities of an ingested export, written after its ingest transaction, are all there. */
    private void awaitIdentitiesWritten(long exportId) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (Boolean.TRUE.equals(jdbc.queryForObject("select identities_pending from survey_export where id = ?",
                Boolean.class, exportId))) {
            assertThat(System.nanoTime()).as("export %d's identities written within 30 s", exportId).isLessThan(until);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static IngestOutcome awaitThen(CountDownLatch start, java.util.function.Supplier<IngestOutcome> work) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return work.get();
    }

    /** A tidy business export with a unique respondent id per row; optionally cut inside a quoted comment. */
    private Path tidy(String name, int rows, boolean truncated) throws IOException {
        return tidy(name, Long.toString(System.nanoTime(), 36), rows, truncated, "2026-03-01T10:00:00Z");
    }

    /** A tidy export whose respondent ids are {@code ids}-0, {@code ids}-1, ..., each ended at {@code end}. */
    private Path tidy(String name, String ids, int rows, String end) throws IOException {
        return tidy(name, ids, rows, false, end);
    }

    private Path uncheckedTidy(String name, String ids, int rows, String end) {
        try {
            return tidy(name, ids, rows, end);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path tidy(String name, String run, int rows, boolean truncated, String end) throws IOException {
        Path file = folder.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("respondent_id,end_date,B_COUNTRY,B_CARE,B_USES_MOBILE,B_NO_MOBILE_REASONS_OTHER\n");
            for (int i = 0; i < rows; i++) {
                out.write(run + "-" + i + "," + end + ",US,Agree,No,\"fine, thanks\"\n");
            }
            if (truncated) {
                out.write(run + "-x,2026-03-01T10:00:00Z,US,Agree,No,\"this comment never ends\n");
            }
        }
        return file;
    }

    private static Arrival arrival(Path file) {
        return Arrival.of(file, file.getFileName().toString(), "test", Instant.now());
    }
}
