package dev.caregap.store;

import dev.caregap.quality.ExportCount;
import dev.caregap.read.Arrival;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import dev.caregap.testing.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Respondents stored in blocks (data issues and identities loaded with COPY) on a real PostgreSQL (embedded, with the
 * real migrations) come back exactly as they were written, whatever their texts hold, and a batch is part of the
 * Spring transaction it runs in. Two respondents per batch, so every export here takes several batches and blocks.
 */
@JdbcTest(properties = "caregap.store.batch-rows=2")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ExportStore.class, RespondentStore.class, StoredRespondents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RespondentStorePostgresIT {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    /** Every character the COPY text format treats specially, CSV's, AnswerCodes' own, and text beyond ASCII. */
    /** The answer codes the exports of these tests are written with (the questions their respondents answer). */
    private static final AnswerCodes CODES = AnswerCodes.of(List.of("C_CARE", "C_PREF_CHANNELS", "C_COMMENT"));
    private static final String AWKWARD = "tab\there, new\nline, cr\r, back\\slash \\N \\. \"quoted\", 'single'; 50% ü 日本 😀";

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

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

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Test
    void respondentsWithAwkwardTextsComeBackEqual() {
        String study = "copy-" + System.nanoTime();
        List<Respondent> written = List.of(
                new Respondent(4, "R\t1\\\"x\",y\nz ü", "consumer", T0, 1.5, null,
                        List.of(Answer.choice("C_CARE", 4), Answer.choice("C_PREF_CHANNELS", 1),
                                Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", AWKWARD))),
                new Respondent(5, null, "consumer", null, 0.1 + 0.2, null, List.of(Answer.text("C_COMMENT", "\\N"))),
                new Respondent(6, "R3", "business", T0.plusSeconds(1), 1e-300, null, List.of()),
                new Respondent(7, "R4", "consumer", T0, 2.0, Exclusion.INCOMPLETE, List.of(Answer.choice("C_CARE", 1))),
                new Respondent(8, "\\", "consumer", Instant.parse("1999-12-31T23:59:59Z"), Double.MAX_VALUE, null,
                        List.of(Answer.text("C_COMMENT", "\r\n\t\\\\"))));
        long id = ingest(study, "copy.csv", written,
                new Issue(4, "C_AGE\tcolumn", "C_AGE", "thirty\\four\n", "age not readable, \"x\""),
                new Issue(5, "End Date", null, null, "end date ü not readable"));

        List<Respondent> counted = new ArrayList<>();
        stored.countedIn(id).forEach((file, r) -> counted.add(r));
        assertThat(counted).containsExactly(written.get(0), written.get(1), written.get(2), written.get(4));
        List<Respondent> included = new ArrayList<>();
        stored.included(study, Long.MAX_VALUE).forEach((file, r) -> included.add(r));
        assertThat(included).containsExactlyElementsOf(counted);
        assertThat(jdbc.query("select encoded from respondent_block where export_id = ?", (rs, i) -> RespondentBlock.rows(rs.getBytes(1)), id)
                .stream().flatMap(List::stream)).filteredOn(row -> row.row() == 7)
                .extracting(RespondentBlock.Row::exclusion).containsExactly("INCOMPLETE");
        // the identities went in by COPY too: those with an id, included, read back equal
        assertThat(jdbc.query("select row_no, segment, respondent_id, ended_at from respondent_identity where export_id = ? order by row_no",
                (rs, i) -> rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getTimestamp(4).toInstant(), id))
                .containsExactly("4|consumer|R\t1\\\"x\",y\nz ü|" + T0, "6|business|R3|" + T0.plusSeconds(1),
                        "8|consumer|\\|1999-12-31T23:59:59Z");
        assertThat(jdbc.query("select respondent_id, id_hash from respondent_identity where export_id = ? order by row_no",
                (rs, i) -> rs.getLong(2) == IdentityHash.of(rs.getString(1)), id)).as("each with its id's hash").containsExactly(true, true, true);

        List<Issue> issues = new ArrayList<>();
        new DataIssueStore(jdbc, transactions).issues(runCovering(study, id)).forEach((file, issue) -> issues.add(issue));
        assertThat(issues).containsExactly(
                new Issue(4, "C_AGE\tcolumn", "C_AGE", "thirty\\four\n", "age not readable, \"x\""),
                new Issue(5, "End Date", null, null, "end date ü not readable"));
    }

    @Test
    void aBatchRolledBackWithItsTransactionLeavesNoBlocksAndNoIssues() {
        String study = "rollback-" + System.nanoTime();
        Arrival arrival = new Arrival(Path.of("r.csv"), "r.csv", "test", "hash-r" + study, 1, T0);
        long id = exports.claim(arrival, "test", T0.plusSeconds(3600)).claimed();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // the batch as the writer sends it, here inside a transaction the test rolls back
            BlockBatch batch = new BlockBatch(jdbc, id, study, CODES, true);
            for (int row = 1; row <= 5; row++) {
                batch.add(new Respondent(row, "R" + row, "consumer", T0, 1.0, null, List.of(Answer.choice("C_CARE", 5))),
                        List.of(new Issue(row, "C_AGE", "C_AGE", "abc", "age not readable")));
            }
            batch.write();
            assertThat(jdbc.queryForObject("select sum(respondents) from respondent_block where export_id = ?", Long.class, id)).isEqualTo(5);
            assertThat(jdbc.queryForObject("select count(*) from data_issue where export_id = ?", Long.class, id)).isEqualTo(5);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from respondent_block where export_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from data_issue where export_id = ?", Long.class, id)).isZero();
    }

    @Test
    void duplicatesAreSettledOverTheIdentitiesOfIngestedExportsAndARemovedExportGivesBackTheirPlace() {
        String study = "identities-" + System.nanoTime();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        long first = ingest(study, "a.csv", List.of(respondent(4, "R1", t0.plusSeconds(60), null), respondent(5, "R2", t0, null),
                respondent(6, "R3", t0, Exclusion.INCOMPLETE)));
        long second = ingest(study, "b.csv", List.of(respondent(4, "R1", t0, null), respondent(5, "R2", t0, null),
                respondent(6, "R3", t0, null), respondent(7, null, t0, null)));

        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":5", second + ":4");
        assertThat(identities(study)).containsExactlyInAnyOrder(first + ":4", first + ":5", second + ":4", second + ":5", second + ":6");
        respondents.markDuplicates(study);
        assertThat(duplicates(study)).containsExactlyInAnyOrder(first + ":5", second + ":4");

        TakenOut.takeOut(jdbc, respondents, second);
        assertThat(duplicates(study)).isEmpty();
        assertThat(identities(study)).containsExactlyInAnyOrder(first + ":4", first + ":5");
    }

    /**
     * On PostgreSQL too, each duplicate names the export whose landing decided it, and a run's responses leave out only
     * those decided by an export it covers: a later export leaves an earlier run's responses as they were.
     */
    @Test
    void aRunsResponsesLeaveOutOnlyTheDuplicatesDecidedByTheExportsItCovers() {
        String study = "decided-" + System.nanoTime();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        long first = ingest(study, "a.csv", List.of(respondent(4, "R1", t0, null), respondent(5, "R2", t0, null)));
        long firstRun = runCovering(study, first);
        long second = ingest(study, "b.csv", List.of(respondent(4, "R1", t0.plusSeconds(60), null)));
        long secondRun = runCovering(study, first);
        jdbc.update("""
                insert into run_export (run_id, export_id, included, incomplete, ineligible, duplicate, no_segment)
                values (?, ?, 0, 0, 0, 0, 0)""", secondRun, second);

        assertThat(jdbc.queryForList("select export_id || ':' || row_no || ' by ' || decided_by from respondent_duplicate "
                + "where study = ?", String.class, study)).containsExactly(first + ":4 by " + second);
        ResponseRowStore responses = new ResponseRowStore(jdbc, stored);
        assertThat(responses.ofRun(firstRun).duplicateRows()).isEmpty();
        assertThat(responses.ofRun(secondRun).duplicateRows()).containsOnlyKeys(first);
        assertThat(responses.ofRun(secondRun).duplicateRows().get(first)).containsExactly(4L);
    }

    /**
     * An instance stopped after the first COPY of an export's identities (the export counts already): another one
     * claims the export once its lease ran out and writes them again from its rows, those copied before removed, so
     * each is there once and the study's duplicates are those of the whole study.
     */
    @Test
    void identitiesAStoppedInstanceLeftPendingAreWrittenAgainOnceEach() {
        String study = "pending-" + System.nanoTime();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        long first = ingest(study, "a.csv", List.of(respondent(4, "R1", t0.plusSeconds(60), null), respondent(5, "R2", t0, null)));
        List<Respondent> rows = List.of(respondent(4, "R1", t0, null), respondent(5, "R2", t0.plusSeconds(60), null),
                respondent(6, "R3", t0, null), respondent(7, "R3", t0.plusSeconds(1), null), respondent(8, "R4", t0, null));
        Arrival arrival = new Arrival(Path.of("b.csv"), "b.csv", "test", "hash-b.csv" + study, 1, T0);
        long second = exports.claim(arrival, "test", T0.plusSeconds(3600)).claimed();
        ExportCount counted = new ExportCount();
        rows.forEach(counted::add);
        try (RespondentWriter writer = respondents.writer(second, study, CODES)) {
            rows.forEach(r -> writer.add(r, List.of()));
            writer.flush();
            respondents.settleDuplicates(study, second, writer, IdentityProgress.LOOKING);
            assertThat(exports.markIngested(second, "test", T0, study, "tidy", "CSV", "consumer", counted)).isTrue();
            StoppingIdentities stopping = new StoppingIdentities(writer.sortedIdentities(), 2);  // one COPY of two went in
            assertThatThrownBy(() -> respondents.writeIdentities(study, second, "test", Duration.ZERO, stopping, false))
                    .hasMessage(StoppingIdentities.STOPPED);
        }
        assertThat(identities(study).stream().filter(i -> i.startsWith(second + ":"))).hasSize(2);
        assertThat(identitiesPending(study, second + 1)).isEqualTo(second);

        Instant now = Instant.now();
        assertThat(exports.abandonedIdentities(now)).contains(second);
        assertThat(exports.claimIdentities(second, "other", now.plusSeconds(60), now)).isTrue();
        assertThat(respondents.writeIdentitiesAgain(second, "other", Duration.ofMinutes(1), () -> { })).isTrue();

        assertThat(identitiesPending(study, second + 1)).isNull();
        assertThat(identities(study)).containsExactlyInAnyOrder(first + ":4", first + ":5", second + ":4", second + ":5",
                second + ":6", second + ":7", second + ":8");
        List<String> settled = duplicates(study);
        assertThat(settled).containsExactlyInAnyOrder(first + ":5", second + ":4", second + ":6");
        respondents.markDuplicates(study);
        assertThat(duplicates(study)).containsExactlyInAnyOrderElementsOf(settled);
    }

    /**
     * V14 on PostgreSQL, on a database of its own that already holds identities (more than one batch of the
     * migration's): each gets its id's hash, inside Flyway's transaction, and the column is required from then on.
     */
    @Test
    void v14HashesTheStoredIdentitiesAndThenRequiresTheHash() {
        DriverManagerDataSource database = new DriverManagerDataSource(postgres.createDatabase("v14").jdbcUrl(), "postgres", "postgres");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("13").load().migrate();
        JdbcTemplate old = new JdbcTemplate(database);
        old.update("""
                insert into survey_export (study, file_name, source, content_hash, size_bytes, received_at, status)
                values ('care-gap', 'a.csv', 'test', 'h', 1, current_timestamp, 'INGESTED')""");
        long export = old.queryForObject("select max(id) from survey_export", Long.class);
        old.update("""
                insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at)
                select 'care-gap', 'consumer', 'R_' || (g % 2400), ?, g, null from generate_series(1, 2500) g""", export);

        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("14").load().migrate();

        List<Boolean> hashed = old.query("select respondent_id, id_hash from respondent_identity",
                (rs, i) -> Long.valueOf(IdentityHash.of(rs.getString(1))).equals(rs.getObject(2, Long.class)));
        assertThat(hashed).hasSize(2_500).containsOnly(true);
        assertThatThrownBy(() -> old.update("""
                insert into respondent_identity (study, segment, respondent_id, export_id, row_no) values ('care-gap', 'consumer', 'R_x', ?, 9999)""",
                export)).as("an identity written without its hash").isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * V21 on PostgreSQL, on a database of its own that holds identities of two exports (more than one piece of a run
     * for the first): inside Flyway's transaction they are keyed by their place in their export's run, in hash order,
     * and a merge finds them; a pending export's are left to be written again.
     */
    @Test
    void v21KeysTheStoredIdentitiesByTheirPlaceInTheirExportsRun() {
        DriverManagerDataSource database = new DriverManagerDataSource(postgres.createDatabase("v21").jdbcUrl(), "postgres", "postgres");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("20").load().migrate();
        JdbcTemplate old = new JdbcTemplate(database);
        List<Long> exports = new ArrayList<>();
        for (String pending : List.of("false", "true")) {
            old.update("""
                    insert into survey_export (study, file_name, source, content_hash, size_bytes, received_at, status, identities_pending)
                    values ('care-gap', 'a.csv', 'test', ?, 1, current_timestamp, 'INGESTED', %s)""".formatted(pending),
                    "h" + pending);
            exports.add(old.queryForObject("select max(id) from survey_export", Long.class));
        }
        int count = IdentityRuns.PIECE + 100;
        List<Object[]> rows = new ArrayList<>();
        for (int row = 1; row <= count; row++) {
            rows.add(new Object[] {"R_" + row, exports.get(0), row, IdentityHash.of("R_" + row)});
        }
        rows.add(new Object[] {"R_1", exports.get(1), 1, IdentityHash.of("R_1")});
        old.batchUpdate("""
                insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
                values ('care-gap', 'consumer', ?, ?, ?, null, ?)""", rows);

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        List<Long> hashes = old.queryForList("select id_hash from respondent_identity order by identity_key", Long.class);
        assertThat(hashes).hasSize(count).isSorted();
        assertThat(old.queryForObject("select count(*) from identity_run where export_id = ?", Long.class, exports.get(0))).isEqualTo(2);
        List<Long> found = new IdentityRuns(old).merge(exports).matches(new long[] {IdentityHash.of("R_7")}, 1);
        assertThat(found).hasSize(1);
        assertThat(old.queryForObject("select respondent_id from respondent_identity where identity_key = ?", String.class, found.get(0)))
                .isEqualTo("R_7");
    }

    /**
     * On PostgreSQL too, an export settling in its transaction while the identities of the export before it are
     * being written by another connection waits until they are all committed, then finds every response the two share.
     */
    @Test
    void anExportSettlingInItsTransactionWaitsForIdentitiesCommittedMeanwhileByAnotherConnection() throws Exception {
        String study = "follow-" + System.nanoTime();
        List<Respondent> before = new ArrayList<>();
        List<Respondent> again = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            before.add(respondent(i + 1, "R" + i, T0, null));
            again.add(respondent(i + 1, "R" + i, T0.plusSeconds(60), null));  // each answered again later
        }
        List<StoredIdentity> sorted = new ArrayList<>();
        long first = written(study, "f.csv", before, (id, writer) -> {
            respondents.settleDuplicates(study, id, writer, IdentityProgress.LOOKING);
            writer.sortedIdentities().forEachRemaining(sorted::add);
        });
        // its instance writes them (two a transaction here) and is held up after 20 of 40
        HeldUpIdentities heldUp = new HeldUpIdentities(sorted, 20);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> writing = threads.submit(() -> respondents.writeIdentities(study, first, "test",
                    Duration.ofMinutes(10), heldUp, false));
            heldUp.awaitHeldUp();
            Future<Long> settling = threads.submit(() -> written(study, "g.csv", again, (id, writer) ->
                    new TransactionTemplate(transactions).executeWithoutResult(status ->
                            respondents.settleDuplicates(study, id, writer, IdentityProgress.LOOKING))));
            Thread.sleep(500);
            assertThat(settling).as("it waits for the ids written after the 20th").isNotDone();
            assertThat(identities(study)).hasSize(20);
            assertThat(duplicates(study)).as("nothing is decided before they are all written").isEmpty();

            heldUp.release();
            assertThat(writing.get(30, TimeUnit.SECONDS)).isTrue();
            long second = settling.get(30, TimeUnit.SECONDS);
            assertThat(duplicates(study)).as("each of the first export's respondents answered again later").hasSize(40)
                    .allMatch(d -> d.startsWith(first + ":"));
            assertThat(respondents.writeIdentitiesAgain(second, "test", Duration.ofMinutes(1), () -> { })).isTrue();
            List<String> followed = duplicates(study);
            respondents.markDuplicates(study);
            assertThat(followed).containsExactlyInAnyOrderElementsOf(duplicates(study));
        } finally {
            heldUp.release();
            threads.shutdownNow();
        }
    }

    /** An export claimed and its rows written; {@code then} runs, then it is marked ingested (its identities pending). */
    private long written(String study, String file, List<Respondent> rows, BiConsumer<Long, RespondentWriter> then) {
        Arrival arrival = new Arrival(Path.of(file), file, "test", "hash-" + file + study, 1, T0);
        long id = exports.claim(arrival, "test", Instant.now().plusSeconds(600)).claimed();
        ExportCount counted = new ExportCount();
        rows.forEach(counted::add);
        try (RespondentWriter writer = respondents.writer(id, study, CODES)) {
            rows.forEach(r -> writer.add(r, List.of()));
            writer.flush();
            then.accept(id, writer);
        }
        assertThat(exports.markIngested(id, "test", Instant.now().plusSeconds(600), study, "tidy", "CSV", "consumer", counted))
                .isTrue();
        return id;
    }

    private static Respondent respondent(long row, String id, Instant ended, Exclusion exclusion) {
        return new Respondent(row, id, "consumer", ended, 1.0, exclusion, List.of(Answer.choice("C_CARE", 5)));
    }

    /** The export of the study, other than {@code exceptExport}, whose identities are pending (the first one), or null. */
    private Long identitiesPending(String study, long exceptExport) {
        return jdbc.queryForList("""
                select id from survey_export where study = ? and identities_pending and id <> ? order by id fetch first 1 rows only""",
                Long.class, study, exceptExport).stream().findFirst().orElse(null);
    }

    private List<String> duplicates(String study) {
        return jdbc.queryForList("select export_id || ':' || row_no from respondent_duplicate where study = ?", String.class, study);
    }

    private List<String> identities(String study) {
        return jdbc.queryForList("select export_id || ':' || row_no from respondent_identity where study = ?", String.class, study);
    }

    /**
     * Stored, its duplicates settled and marked ingested (its identities pending), then its identities written, as
     * ExportIngestion and IdentityWriting do.
     */
    /** A computed run of the study that covers the export: a run's issues are read by its run_export. */
    private long runCovering(String study, long exportId) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into study_run (study, status) values (?, 'COMPUTED')", new String[] {"id"});
            ps.setString(1, study);
            return ps;
        }, keys);
        long runId = keys.getKey().longValue();
        jdbc.update("""
                insert into run_export (run_id, export_id, included, incomplete, ineligible, duplicate, no_segment)
                values (?, ?, 0, 0, 0, 0, 0)""", runId, exportId);
        return runId;
    }

    private long ingest(String study, String file, List<Respondent> rows, Issue... issues) {
        Arrival arrival = new Arrival(Path.of(file), file, "test", "hash-" + file + study, 1, T0);
        long id = exports.claim(arrival, "test", T0.plusSeconds(3600)).claimed();
        ExportCount counted = new ExportCount();
        rows.forEach(counted::add);
        try (RespondentWriter writer = respondents.writer(id, study, CODES)) {
            for (Respondent r : rows) {
                writer.add(r, List.of(issues).stream().filter(i -> i.row() == r.row()).toList());
            }
            writer.flush();
            assertThat(identitiesPending(study, id)).isNull();
            respondents.settleDuplicates(study, id, writer, IdentityProgress.LOOKING);
            assertThat(exports.markIngested(id, "test", T0.plusSeconds(3600), study, "tidy", "CSV", "consumer", counted)).isTrue();
            try (PendingIdentities identities = respondents.pendingIdentities(study, id, writer)) {
                assertThat(identities.write("test", Duration.ofMinutes(1), () -> { })).isTrue();
            }
        }
        return id;
    }
}
