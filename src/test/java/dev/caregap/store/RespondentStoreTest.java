package dev.caregap.store;

import dev.caregap.quality.ExportCount;
import dev.caregap.quality.ExportQuality;
import dev.caregap.read.Arrival;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's own rules, on the embedded H2 with the real migrations. */
@JdbcTest
@Import({ExportStore.class, RespondentStore.class, StoredRespondents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RespondentStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** The answer codes the exports of these tests are written with (the questions their respondents answer). */
    private static final AnswerCodes CODES = AnswerCodes.of(List.of("C_CARE", "C_PREF_CHANNELS", "C_COMMENT"));

    @Autowired
    ExportStore exports;
    @Autowired
    RespondentStore respondents;

    @Autowired
    StoredRespondents stored;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theLatestResponseOfARespondentCountsAndTiesGoToTheExportIngestedLast() {
        String study = "dup-" + System.nanoTime();
        long first = ingest(study, "a.csv",
                respondent(4, "R1", "consumer", T0.plusSeconds(60), null),   // later: counts
                respondent(5, "R2", "consumer", T0, null),                   // tie with b.csv R2: loses
                respondent(6, "R3", "consumer", T0.plusSeconds(99), Exclusion.INCOMPLETE), // set aside first
                respondent(7, "R4", "consumer", T0, null));
        long second = ingest(study, "b.csv",
                respondent(4, "R1", "consumer", T0, null),                   // earlier: duplicate
                respondent(5, "R2", "consumer", T0, null),                   // tie, ingested last: counts
                respondent(6, "R3", "consumer", T0, null),                   // the only complete R3: counts
                respondent(7, "R4", "business", T0, null));                  // another segment: not the same respondent
        respondents.markDuplicates(study);

        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":5", second + ":4");
        List<String> included = new ArrayList<>();
        stored.included(study, Long.MAX_VALUE).forEach((file, r) -> included.add(file + ":" + r.respondentId()));
        assertThat(included).containsExactly("a.csv:R1", "a.csv:R4", "b.csv:R2", "b.csv:R3", "b.csv:R4");
    }

    @Test
    void settlingEachExportAsItLandsKeepsTheSameResponses() {
        String study = "settle-" + System.nanoTime();
        long first = ingest(study, "a.csv",
                respondent(4, "R1", "consumer", T0.plusSeconds(60), null),
                respondent(5, "R2", "consumer", T0, null),
                respondent(6, "R3", "consumer", T0.plusSeconds(99), Exclusion.INCOMPLETE),
                respondent(7, "R4", "consumer", T0, null));
        respondents.settleDuplicates(study, first);
        assertThat(duplicates(study)).isEmpty();
        long second = ingest(study, "b.csv",
                respondent(4, "R1", "consumer", T0, null),
                respondent(5, "R2", "consumer", T0, null),
                respondent(6, "R3", "consumer", T0, null),
                respondent(7, "R4", "business", T0, null));
        respondents.settleDuplicates(study, second);

        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":5", second + ":4");
    }

    @Test
    void aNewerResponseInALaterExportMakesTheStoredOneTheDuplicateAndAThirdCopyMovesItAgain() {
        String study = "settle-later-" + System.nanoTime();
        long first = ingest(study, "a.csv", respondent(4, "R1", "consumer", T0, null),
                respondent(5, "R1", "consumer", null, null));
        respondents.settleDuplicates(study, first);
        assertThat(duplicates(study)).containsExactly(first + ":5");  // a missing end counts as oldest
        long second = ingest(study, "b.csv", respondent(9, "R1", "consumer", T0.plusSeconds(1), null));
        respondents.settleDuplicates(study, second);
        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":4", first + ":5");
        long third = ingest(study, "c.csv", respondent(2, "R1", "consumer", T0.plusSeconds(1), null));  // tie: ingested last
        respondents.settleDuplicates(study, third);
        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":4", first + ":5", second + ":9");
    }

    /**
     * On random drops (ids from a small pool so that many repeat within and across exports, end times with ties and
     * gaps, exclusions, two segments, row numbers spread past one settling page, exports read but never ingested,
     * interrupted, ingested and removed in between, or ingested while their instance stopped part-way through
     * their identities), settling each export as it lands gives exactly the duplicates a recomputation over the
     * whole study gives.
     */
    @Test
    void settlingEachExportEqualsSettlingTheWholeStudyAndKeptCountsEqualCountingRowsOnRandomDrops() {
        long duplicatesSeen = 0;
        for (long seed = 1; seed <= 25; seed++) {
            java.util.Random random = new java.util.Random(seed);
            String study = "settle-random-" + seed + "-" + System.nanoTime();
            int exportCount = 2 + random.nextInt(5);
            for (int e = 0; e < exportCount; e++) {
                int rows = 1 + random.nextInt(40);
                Respondent[] drawn = new Respondent[rows];
                long row = 1;
                for (int r = 0; r < rows; r++) {
                    row += 1 + random.nextInt(600);
                    drawn[r] = respondent(row, random.nextInt(12) == 0 ? null : "R" + random.nextInt(15),
                            random.nextInt(5) == 0 ? "business" : "consumer",
                            random.nextInt(6) == 0 ? null : T0.plusSeconds(random.nextInt(4)),
                            random.nextInt(7) == 0 ? EXCLUSIONS[random.nextInt(EXCLUSIONS.length)] : null);
                }
                String file = "e" + e + ".csv";
                switch (random.nextInt(8)) {
                    case 0 -> written(study, file, drawn);  // still being read elsewhere: never counts
                    case 3 -> {                             // ingested; its instance stopped part-way through its identities
                        long id = ingestedUntilItsIdentitiesStop(study, file, random.nextInt(rows + 1), drawn);
                        assertThat(identitiesPending(study, -1)).isEqualTo(id);
                        writtenAgainByTheSweep(id);
                    }
                    case 1 -> {                             // its reader died: interrupted, its rows removed
                        long id = written(study, file, drawn);
                        assertThat(exports.interrupt(id, "test", Instant.now(), "interrupted")).isTrue();
                        if (random.nextBoolean()) {         // else a stop came before they went: they never count
                            respondents.deleteExport(id);
                        }
                    }
                    case 2 -> {                             // ingested, then removed again
                        long id = ingestAsThePipelineDoes(study, file, drawn);
                        TakenOut.takeOut(jdbc, respondents, id);
                    }
                    default -> ingestAsThePipelineDoes(study, file, drawn);
                }
                assertThat(identitiesOfIngestedExports(study)).as("seed %d, export %d", seed, e)
                        .isEqualTo(includedWithAnIdOfIngestedExports(study));
                assertThat(identitiesWithoutTheirRow(study)).as("seed %d, export %d: removed with their rows", seed, e).isZero();
            }
            List<String> settledAsTheyLanded = duplicates(study);
            // the data-quality account from the counts kept with each export equals counting its stored rows
            List<ExportQuality> fromKeptCounts = exports.quality(study, Long.MAX_VALUE);
            for (ExportQuality kept : fromKeptCounts) {
                assertThat(List.of(kept.included(), kept.incomplete(), kept.ineligible(), kept.duplicate(), kept.noSegment()))
                        .as("seed %d, export %d", seed, kept.exportId()).isEqualTo(countedFromItsStoredRows(kept.exportId()));
            }
            duplicatesSeen += fromKeptCounts.stream().mapToLong(ExportQuality::duplicate).sum();
            respondents.markDuplicates(study);
            assertThat(settledAsTheyLanded).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(duplicates(study));
        }
        assertThat(duplicatesSeen).as("the drops held duplicates across exports").isGreaterThan(20);
    }

    private static final Exclusion[] EXCLUSIONS = {Exclusion.INCOMPLETE, Exclusion.INELIGIBLE, Exclusion.NO_SEGMENT};

    @Test
    void identitiesAStoppedInstanceLeftPendingHoldTheNextExportBackUntilTheyAreWrittenAgainOnceEach() {
        String study = "pending-" + System.nanoTime();
        // its instance stopped after one of its three identities: R1 there ended later
        long stopped = ingestedUntilItsIdentitiesStop(study, "m.csv", 1, respondent(4, "R1", "consumer", T0.plusSeconds(60), null),
                respondent(5, "R2", "consumer", T0, null), respondent(6, "R3", "consumer", T0, null));
        assertThat(identities(study)).hasSize(1);
        assertThat(identitiesPending(study, stopped + 1)).as("the next export must wait").isEqualTo(stopped);
        assertThat(respondents.identitiesStalled(study, stopped + 1)).as("its instance stopped").isEqualTo(stopped);
        assertThat(exports.abandonedIdentities(Instant.now())).contains(stopped);

        writtenAgainByTheSweep(stopped);

        assertThat(identitiesPending(study, stopped + 1)).isNull();
        assertThat(exports.abandonedIdentities(Instant.now())).doesNotContain(stopped);
        assertThat(identitiesOfIngestedExports(study)).isEqualTo(includedWithAnIdOfIngestedExports(study));
        long landed = ingestAsThePipelineDoes(study, "n.csv", respondent(4, "R1", "consumer", T0, null));
        assertThat(duplicates(study)).as("the stopped export's later R1 counts").containsExactly(landed + ":4");
        respondents.markDuplicates(study);
        assertThat(duplicates(study)).containsExactly(landed + ":4");
    }

    /**
     * An export settles only once the identities of the export before it are all written: while they are being
     * written it decides nothing, and then it finds every response it shares with that export.
     */
    @Test
    void anExportSettlingWhileTheIdentitiesBeforeItAreWrittenWaitsForAllOfThemAndFindsEveryResponseItShares() throws Exception {
        String study = "follow-" + System.nanoTime();
        // chunks of two ids settled, four identities a transaction
        RespondentStore pipeline = new RespondentStore(jdbc, transactions, 10_000, 2, 3, 4);
        Respondent[] before = new Respondent[40];
        Respondent[] again = new Respondent[40];
        for (int i = 0; i < 40; i++) {
            before[i] = respondent(i + 1, "R" + i, "consumer", T0, null);
            again[i] = respondent(i + 1, "R" + i, "consumer", T0.plusSeconds(60), null);  // each answered again later
        }
        List<StoredIdentity> sorted = new ArrayList<>();
        long first = written(pipeline, study, "f.csv", CODES, (exportId, writer) -> {
            pipeline.settleDuplicates(study, exportId, writer, IdentityProgress.LOOKING);
            assertThat(exports.markIngested(exportId, "test", Instant.now().plusSeconds(600), study, "tidy", "CSV",
                    "consumer", counted(List.of(before)))).isTrue();
            writer.sortedIdentities().forEachRemaining(sorted::add);
        }, before);
        // its instance writes them, and is held up after five transactions (20 of 40)
        HeldUpIdentities heldUp = new HeldUpIdentities(sorted, 20);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> writing = threads.submit(() -> pipeline.writeIdentities(study, first, "test",
                    java.time.Duration.ofMinutes(10), heldUp, false));
            heldUp.awaitHeldUp();
            assertThat(identities(study)).hasSize(20);

            Future<Long> settling = threads.submit(() -> written(pipeline, study, "g.csv", CODES,
                    (exportId, writer) -> pipeline.settleDuplicates(study, exportId, writer, IdentityProgress.LOOKING), again));
            Thread.sleep(500);
            assertThat(settling).as("it waits for the ids written after the 20th").isNotDone();
            assertThat(duplicates(study)).as("nothing is decided before they are all written").isEmpty();

            heldUp.release();
            assertThat(writing.get(30, TimeUnit.SECONDS)).isTrue();
            long second = settling.get(30, TimeUnit.SECONDS);
            assertThat(duplicates(study)).as("each of the first export's respondents answered again later").hasSize(40)
                    .allMatch(d -> d.startsWith(first + ":"));
            assertThat(exports.markIngested(second, "test", Instant.now().plusSeconds(600), study, "tidy", "CSV",
                    "consumer", counted(List.of(again)))).isTrue();
            assertThat(respondents.writeIdentitiesAgain(second, "test", java.time.Duration.ofMinutes(1), () -> { })).isTrue();
            List<String> followed = duplicates(study);
            respondents.markDuplicates(study);
            assertThat(followed).containsExactlyInAnyOrderElementsOf(duplicates(study));
        } finally {
            heldUp.release();
            threads.shutdownNow();
        }
    }

    @Test
    void anExportDoesNotSettleBehindIdentitiesWhoseInstanceStoppedAndNamesTheExportItWaitsFor() {
        String study = "stalled-" + System.nanoTime();
        // one of its two identities written, then its instance stopped and its lease ran out
        long stopped = ingestedUntilItsIdentitiesStop(study, "s.csv", 1, respondent(4, "R1", "consumer", T0, null),
                respondent(5, "R2", "consumer", T0, null));
        assertThat(respondents.identitiesStalled(study, -1)).isEqualTo(stopped);
        Respondent[] again = {respondent(4, "R1", "consumer", T0.plusSeconds(60), null),
                respondent(5, "R2", "consumer", T0.plusSeconds(60), null)};

        long next = written(respondents, study, "n.csv", CODES, (exportId, writer) ->
                assertThatThrownBy(() -> respondents.settleDuplicates(study, exportId, writer, IdentityProgress.LOOKING))
                        .isInstanceOfSatisfying(RespondentStore.IdentitiesStalled.class,
                                e -> assertThat(e.exportId()).isEqualTo(stopped)), again);
        assertThat(duplicates(study)).isEmpty();

        writtenAgainByTheSweep(stopped);
        assertThat(respondents.identitiesStalled(study, -1)).isNull();
        assertThat(exports.markIngested(next, "test", Instant.now().plusSeconds(60), study, "tidy", "CSV", "consumer",
                counted(List.of(again)))).isTrue();
        respondents.settleDuplicates(study, next);  // as its own settling, from its rows
        assertThat(duplicates(study)).containsExactlyInAnyOrder(stopped + ":4", stopped + ":5");
    }

    @Test
    void anInstanceWhoseIdentitiesWereTakenOverStopsWritingThem() {
        String study = "taken-over-" + System.nanoTime();
        long id = ingestedUntilItsIdentitiesStop(study, "t.csv", 0, respondent(4, "R1", "consumer", T0, null),
                respondent(5, "R2", "consumer", T0, null));
        assertThat(exports.claimIdentities(id, "sweeper", Instant.now().plusSeconds(60), Instant.now())).isTrue();
        RespondentStore pipeline = new RespondentStore(jdbc, transactions, 10_000, 2, 3, 1);

        assertThat(pipeline.writeIdentities(study, id, "test", java.time.Duration.ofMinutes(1),
                List.of(new StoredIdentity("consumer", "R1", 4, T0)).iterator(), false)).isFalse();
        assertThat(identities(study)).isEmpty();
        assertThat(pipeline.writeIdentitiesAgain(id, "sweeper", java.time.Duration.ofMinutes(1), () -> { })).isTrue();
        assertThat(identitiesOfIngestedExports(study)).isEqualTo(includedWithAnIdOfIngestedExports(study)).hasSize(2);
        assertThat(identitiesPending(study, -1)).isNull();
    }

    @Test
    void removingAnIngestedExportGivesItsRespondentsBackTheirPlace() {
        String study = "remove-" + System.nanoTime();
        long first = ingest(study, "k.csv", respondent(4, "R1", "consumer", T0, null), respondent(5, "R2", "consumer", T0, null));
        respondents.settleDuplicates(study, first);
        long second = ingest(study, "l.csv", respondent(4, "R1", "consumer", T0.plusSeconds(5), null),
                respondent(9_000, "R2", "consumer", T0.plusSeconds(5), null), respondent(12_000, "R2", "consumer", T0, null));
        respondents.settleDuplicates(study, second);
        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":4", first + ":5", second + ":12000");

        TakenOut.takeOut(jdbc, respondents, second);

        assertThat(duplicates(study)).isEmpty();
        respondents.markDuplicates(study);
        assertThat(duplicates(study)).isEmpty();
    }

    @Test
    void eachDuplicateNamesTheExportThatDecidedItAndARemovedExportsPassToTheExportWhoseResponseCountsThen() {
        String study = "decided-" + System.nanoTime();
        long first = ingest(study, "p.csv", respondent(4, "R1", "consumer", T0, null));
        respondents.settleDuplicates(study, first);
        long second = ingest(study, "q.csv", respondent(4, "R1", "consumer", T0.plusSeconds(1), null));
        respondents.settleDuplicates(study, second);
        long third = ingest(study, "r.csv", respondent(4, "R1", "consumer", T0.plusSeconds(2), null),
                respondent(5, "R2", "consumer", T0, null), respondent(6, "R2", "consumer", T0.plusSeconds(1), null));
        respondents.settleDuplicates(study, third);
        assertThat(decided(study)).containsExactlyInAnyOrder(first + ":4 by " + second, second + ":4 by " + third,
                third + ":5 by " + third);

        TakenOut.takeOut(jdbc, respondents, second);

        assertThat(decided(study)).containsExactlyInAnyOrder(first + ":4 by " + third, third + ":5 by " + third);
    }

    /** The study's duplicates, each with the export that decided it. */
    private List<String> decided(String study) {
        return jdbc.queryForList("""
                select export_id || ':' || row_no || ' by ' || coalesce(cast(decided_by as varchar(20)), '-')
                from respondent_duplicate where study = ?""", String.class, study);
    }

    @Test
    void includedRespondentsComeBackWithTheirAnswersStoredByTheirQuestionsPlaces() {
        String study = "answers-" + System.nanoTime();
        long id = ingest(study, "c.csv", CODES, answered(4, "R9"));
        assertThat(stored(id)).extracting(RespondentBlock.Row::answers).containsExactly("0=4;1=1;1=2;2=0~Fine, \"thanks\"");
        assertAnsweredComesBack(study);
    }

    @Test
    void anExportStoredBeforeItsAnswersWereCodedComesBackWithTheQuestionsItsRowsName() {
        String study = "named-" + System.nanoTime();
        long id = ingest(study, "c.csv", AnswerCodes.NAMED, answered(4, "R9"));
        assertThat(jdbc.queryForObject("select answer_questions from survey_export where id = ?", String.class, id)).isNull();
        assertThat(stored(id)).extracting(RespondentBlock.Row::answers)
                .containsExactly("C_CARE=4;C_PREF_CHANNELS=1;C_PREF_CHANNELS=2;C_COMMENT=0~Fine, \"thanks\"");
        assertAnsweredComesBack(study);
    }

    @Test
    void exportsCodedAgainstDifferentQuestionsEachComeBackWithTheirOwn() {
        String study = "recoded-" + System.nanoTime();
        ingest(study, "c.csv", CODES, answered(4, "R9"));
        // the study's definition changed between two exports: a question added in front
        ingest(study, "d.csv", AnswerCodes.of(List.of("C_AGE", "C_COMMENT", "C_PREF_CHANNELS", "C_CARE")), answered(5, "R8"));
        List<List<Answer>> back = new ArrayList<>();
        stored.included(study, Long.MAX_VALUE).forEach((file, r) -> back.add(r.answers()));
        assertThat(back).hasSize(2).allSatisfy(answers -> assertThat(answers).containsExactly(Answer.choice("C_CARE", 4),
                Answer.choice("C_PREF_CHANNELS", 1), Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", "Fine, \"thanks\"")));
    }

    private static Respondent answered(long row, String id) {
        return new Respondent(row, id, "consumer", T0, 1.5, null,
                List.of(Answer.choice("C_CARE", 4), Answer.choice("C_PREF_CHANNELS", 1),
                        Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", "Fine, \"thanks\"")));
    }

    private void assertAnsweredComesBack(String study) {
        List<Respondent> back = new ArrayList<>();
        stored.included(study, Long.MAX_VALUE).forEach((file, r) -> back.add(r));
        assertThat(back).hasSize(1);
        assertThat(back.get(0).weight()).isEqualTo(1.5);
        assertThat(back.get(0).answers()).containsExactly(Answer.choice("C_CARE", 4), Answer.choice("C_PREF_CHANNELS", 1),
                Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", "Fine, \"thanks\""));
    }

    @Test
    void aRunReadsOnlyTheExportsItCovers() {
        String study = "snapshot-" + System.nanoTime();
        long first = ingest(study, "e.csv", respondent(4, "R1", "consumer", T0, null));
        ingest(study, "f.csv", respondent(4, "R2", "consumer", T0, null));
        List<String> upToFirst = new ArrayList<>();
        stored.included(study, first).forEach((file, r) -> upToFirst.add(r.respondentId()));
        assertThat(upToFirst).containsExactly("R1");
        assertThat(exports.lastIngested(study)).isGreaterThan(first);
        assertThat(exports.quality(study, first)).hasSize(1);
    }

    @Test
    void aRejectedExportLeavesNothingBehind() {
        String study = "reject-" + System.nanoTime();
        long id = written(study, "d.csv", respondent(4, "R1", "consumer", T0, null));
        respondents.deleteExport(id);
        assertThat(exports.markRejected(id, "test", "the file ends inside a quoted field")).isTrue();
        assertThat(jdbc.queryForObject("select coalesce(sum(respondents), 0) from respondent_block where export_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from data_issue where export_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, id)).isEqualTo("REJECTED");
    }

    private long ingest(String study, String file, Respondent... rows) {
        return ingest(study, file, CODES, rows);
    }

    private long ingest(String study, String file, AnswerCodes codes, Respondent... rows) {
        long id = written(respondents, study, file, codes, (exportId, writer) -> { }, rows);
        exports.markIngested(id, "test", T0.plusSeconds(3600), study, "tidy", "CSV", "consumer", counted(List.of(rows)));
        return id;
    }

    @Test
    void aNegativeBatchSizeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RespondentStore(jdbc, transactions, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caregap.store.batch-rows must be 0 (as the store suits) or more, not -1");
    }

    /**
     * As ExportIngestion and IdentityWriting do: rows written, duplicates settled from the identities sorted as they
     * were written, the export marked ingested with its identities pending, then its identities written; with chunks
     * of two ids, identities written two per transaction and sorted three at a time in memory, so that the small drops
     * cross chunks and merge runs from files.
     */
    private long ingestAsThePipelineDoes(String study, String file, Respondent... rows) {
        RespondentStore pipeline = new RespondentStore(jdbc, transactions, 10_000, 2, 3, 2);
        long id = written(pipeline, study, file, CODES, (exportId, writer) -> {
            assertThat(identitiesPending(study, exportId)).isNull();
            pipeline.settleDuplicates(study, exportId, writer, IdentityProgress.LOOKING);
            assertThat(exports.markIngested(exportId, "test", Instant.now().plusSeconds(60), study, "tidy", "CSV", "consumer",
                    counted(List.of(rows)))).isTrue();
            try (PendingIdentities identities = pipeline.pendingIdentities(study, exportId, writer)) {
                assertThat(identities.write("test", java.time.Duration.ofMinutes(1), () -> { })).isTrue();
            }
        }, rows);
        return id;
    }

    /**
     * As {@link #ingestAsThePipelineDoes}, one identity a transaction, but its instance stops after {@code before} of
     * its identities (or before the last), its lease run out.
     */
    private long ingestedUntilItsIdentitiesStop(String study, String file, int before, Respondent... rows) {
        RespondentStore pipeline = new RespondentStore(jdbc, transactions, 10_000, 2, 3, 1);
        return written(pipeline, study, file, CODES, (exportId, writer) -> {
            pipeline.settleDuplicates(study, exportId, writer, IdentityProgress.LOOKING);
            assertThat(exports.markIngested(exportId, "test", T0, study, "tidy", "CSV", "consumer", counted(List.of(rows)))).isTrue();
            StoppingIdentities stopping = new StoppingIdentities(writer.sortedIdentities(), before);
            assertThatThrownBy(() -> pipeline.writeIdentities(study, exportId, "test", java.time.Duration.ZERO, stopping, false))
                    .hasMessage(StoppingIdentities.STOPPED);
            jdbc.update("update survey_export set lease_until = ? where id = ?", java.sql.Timestamp.from(T0), exportId);
        }, rows);
    }

    /** What another instance's sweep does with identities left pending: claims the export and writes them again. */
    private void writtenAgainByTheSweep(long exportId) {
        Instant now = Instant.now();
        assertThat(exports.abandonedIdentities(now)).contains(exportId);
        assertThat(exports.claimIdentities(exportId, "sweeper", now.plusSeconds(60), now)).isTrue();
        assertThat(respondents.writeIdentitiesAgain(exportId, "sweeper", java.time.Duration.ofMinutes(1), () -> { })).isTrue();
    }

    /** An export claimed and its rows written, still READING. */
    private long written(String study, String file, Respondent... rows) {
        return written(respondents, study, file, CODES, (exportId, writer) -> { }, rows);
    }

    /** An export claimed and its rows written by {@code store}; {@code then} runs once they are, before the writer closes. */
    private long written(RespondentStore store, String study, String file, AnswerCodes codes,
                         java.util.function.BiConsumer<Long, RespondentWriter> then, Respondent... rows) {
        Arrival arrival = new Arrival(Path.of(file), file, "test", "hash-" + file + study, 1, T0);
        long id = exports.claim(arrival, "test", T0.plusSeconds(3600)).claimed();
        try (RespondentWriter writer = store.writer(id, study, codes)) {
            for (Respondent r : rows) {
                writer.add(r, List.of(new Issue(r.row(), "C_AGE", "C_AGE", "abc", "age not readable")));
            }
            writer.flush();
            then.accept(id, writer);
        }
        return id;
    }

    private static Respondent respondent(long row, String id, String segment, Instant ended, Exclusion exclusion) {
        return new Respondent(row, id, segment, ended, 1.0, exclusion, List.of(Answer.choice("C_CARE", 5)));
    }

    /** The export of the study, other than {@code exceptExport}, whose identities are pending (the first one), or null. */
    private Long identitiesPending(String study, long exceptExport) {
        return jdbc.queryForList("""
                select id from survey_export where study = ? and identities_pending and id <> ? order by id fetch first 1 rows only""",
                Long.class, study, exceptExport).stream().findFirst().orElse(null);
    }

    private List<String> duplicates(String study) {
        return jdbc.queryForList("select export_id || ':' || row_no from respondent_duplicate where study = ?",
                String.class, study);
    }

    /** What respondent_identity holds of a study: export, row, segment, id and end of each row, sorted. */
    private List<String> identities(String study) {
        return identitiesWhere("i.study = ?", study);
    }

    /** The same, of the study's ingested exports only. */
    private List<String> identitiesOfIngestedExports(String study) {
        return identitiesWhere("i.study = ? and e.status = 'INGESTED'", study);
    }

    private List<String> identitiesWhere(String where, String study) {
        return jdbc.query("""
                select i.export_id, i.row_no, i.segment, i.respondent_id, i.ended_at
                from respondent_identity i join survey_export e on e.id = i.export_id where\s""" + where,
                (rs, n) -> line(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()), study)
                .stream().sorted().toList();
    }

    private static String line(long exportId, long row, String segment, String respondentId, Instant ended) {
        return exportId + ":" + row + ":" + segment + ":" + respondentId + ":" + (ended == null ? "-" : ended);
    }

    /** Identities of the study whose respondent is not stored. */
    private long identitiesWithoutTheirRow(String study) {
        Set<String> stored = new HashSet<>();
        storedOf(study, "1 = 1", (exportId, row) -> stored.add(exportId + ":" + row.row()));
        return jdbc.queryForList("select export_id || ':' || row_no from respondent_identity where study = ?", String.class, study)
                .stream().filter(identity -> !stored.contains(identity)).count();
    }

    /** The same columns of the study's included respondents with a respondent id in ingested exports, sorted. */
    private List<String> includedWithAnIdOfIngestedExports(String study) {
        List<String> included = new ArrayList<>();
        storedOf(study, "e.status = 'INGESTED'", (exportId, row) -> {
            if (row.included() && row.respondentId() != null) {
                included.add(line(exportId, row.row(), row.segment(), row.respondentId(), row.endedAt()));
            }
        });
        return included.stream().sorted().toList();
    }

    /** Every stored respondent of the study's exports that {@code where} (SQL over survey_export e) picks. */
    private void storedOf(String study, String where, java.util.function.BiConsumer<Long, RespondentBlock.Row> consumer) {
        jdbc.query("select b.export_id, b.encoded from respondent_block b join survey_export e on e.id = b.export_id "
                + "where b.study = ? and " + where, rs -> {
            long exportId = rs.getLong(1);
            RespondentBlock.rows(rs.getBytes(2)).forEach(row -> consumer.accept(exportId, row));
        }, study);
    }

    /** The stored respondents of an export, in row order. */
    private List<RespondentBlock.Row> stored(long exportId) {
        List<RespondentBlock.Row> rows = new ArrayList<>();
        jdbc.query("select encoded from respondent_block where export_id = ? order by block_key",
                rs -> {
                    rows.addAll(RespondentBlock.rows(rs.getBytes(1)));
                }, exportId);
        return rows;
    }

    /** An export's included respondents less its duplicates, incomplete, ineligible, duplicate and without a segment. */
    private List<Long> countedFromItsStoredRows(long exportId) {
        Set<Long> duplicateRows = new HashSet<>(jdbc.queryForList(
                "select row_no from respondent_duplicate where export_id = ?", Long.class, exportId));
        long[] counts = new long[5];
        for (RespondentBlock.Row row : stored(exportId)) {
            int which = row.included() ? (duplicateRows.contains(row.row()) ? 3 : 0) : switch (row.exclusion()) {
                case "INCOMPLETE" -> 1;
                case "INELIGIBLE" -> 2;
                default -> 4;
            };
            counts[which]++;
        }
        return java.util.Arrays.stream(counts).boxed().toList();
    }

    private static ExportCount counted(List<Respondent> rows) {
        ExportCount counted = new ExportCount();
        rows.forEach(counted::add);
        return counted;
    }
}
