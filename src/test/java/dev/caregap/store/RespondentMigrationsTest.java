package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Migrations that move what was kept on each respondent row elsewhere, run on a database that already holds respondents. */
class RespondentMigrationsTest {

    /** V8: those that count get their identities, the old index goes. */
    @Test
    void includedRespondentsWithAnIdOfIngestedExportsGetTheirIdentitiesAndNoOthers() {
        DriverManagerDataSource database = database();
        migrate(database, "7");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long ingested = export(jdbc, "INGESTED");
        long rejected = export(jdbc, "READING");
        respondent(jdbc, ingested, 4, "R1", null, "2026-03-01 10:00:00+00");
        respondent(jdbc, ingested, 5, "R1", null, null);
        respondent(jdbc, ingested, 6, "R2", "INCOMPLETE", "2026-03-01 10:00:00+00");  // excluded
        respondent(jdbc, ingested, 7, null, null, "2026-03-01 10:00:00+00");          // no respondent id
        respondent(jdbc, rejected, 4, "R1", null, "2026-03-01 11:00:00+00");           // not ingested

        migrate(database, "8");

        assertThat(jdbc.queryForList("""
                select export_id || ':' || row_no || ':' || segment || ':' || respondent_id || ':' || coalesce(cast(ended_at as varchar(60)), '-')
                from respondent_identity where study = 'care-gap' order by row_no""", String.class))
                .containsExactly(ingested + ":4:consumer:R1:2026-03-01 10:00:00+00", ingested + ":5:consumer:R1:-");
        assertThat(jdbc.queryForObject("""
                select count(*) from information_schema.indexes where lower(index_name) = 'respondent_by_identity'""",
                Long.class)).isZero();
    }

    /** V9: the respondents flagged duplicate (and only they) move to respondent_duplicate; the flag and its index go. */
    @Test
    void respondentsFlaggedDuplicateMoveToTheirOwnTableAndTheFlagGoes() {
        DriverManagerDataSource database = database();
        migrate(database, "8");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long first = export(jdbc, "INGESTED");
        long second = export(jdbc, "INGESTED");
        respondent(jdbc, first, 4, "R1", null, "2026-03-01 10:00:00+00");
        respondent(jdbc, first, 5, "R2", null, "2026-03-01 10:00:00+00");
        respondent(jdbc, second, 4, "R1", null, "2026-03-02 10:00:00+00");
        respondent(jdbc, second, 9, "R2", null, "2026-03-01 09:00:00+00");
        jdbc.update("update respondent set duplicate = true where (export_id = ? and row_no = 4) or (export_id = ? and row_no = 9)",
                first, second);

        migrate(database, "9");

        assertThat(jdbc.queryForList("select study || ':' || export_id || ':' || row_no from respondent_duplicate order by export_id",
                String.class)).containsExactly("care-gap:" + first + ":4", "care-gap:" + second + ":9");
        assertThat(jdbc.queryForObject("select count(*) from respondent", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("""
                select count(*) from information_schema.columns
                where lower(table_name) = 'respondent' and lower(column_name) = 'duplicate'""", Long.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from information_schema.indexes where lower(index_name) = 'respondent_duplicates'""",
                Long.class)).isZero();
        assertThatThrownBy(() -> jdbc.update("insert into respondent_duplicate (export_id, row_no, study) values (?, 77, 'care-gap')",
                first)).as("a duplicate of a respondent that is not stored").isInstanceOf(DataIntegrityViolationException.class);
    }

    /** V12: every respondent keeps its columns and gets the key of its export and row; the key is the table's only index. */
    @Test
    void respondentsAreKeyedByExportAndRowInOneNumberAndKeepEverythingElse() {
        DriverManagerDataSource database = database();
        migrate(database, "11");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long first = export(jdbc, "INGESTED");
        long second = export(jdbc, "INGESTED");
        respondent(jdbc, first, 4, "R1", null, "2026-03-01 10:00:00+00");
        respondent(jdbc, first, 5, null, "INCOMPLETE", null);
        respondent(jdbc, second, 4, "R1", null, "2026-03-02 10:00:00+00");
        jdbc.update("insert into respondent_duplicate (export_id, row_no, study) values (?, 4, 'care-gap')", first);

        migrate(database, "12");

        assertThat(jdbc.queryForList("""
                select respondent_key || ':' || export_id || ':' || row_no || ':' || coalesce(respondent_id, '-') || ':'
                       || coalesce(exclusion, '-') || ':' || coalesce(cast(ended_at as varchar(60)), '-') || ':' || answers
                from respondent order by respondent_key""", String.class))
                .containsExactly(
                        (first * 4_294_967_296L + 4) + ":" + first + ":4:R1:-:2026-03-01 10:00:00+00:C_CARE=5",
                        (first * 4_294_967_296L + 5) + ":" + first + ":5:-:INCOMPLETE:-:C_CARE=5",
                        (second * 4_294_967_296L + 4) + ":" + second + ":4:R1:-:2026-03-02 10:00:00+00:C_CARE=5");
        assertThat(jdbc.queryForList("select study || ':' || export_id || ':' || row_no from respondent_duplicate",
                String.class)).containsExactly("care-gap:" + first + ":4");
        assertThat(jdbc.queryForList("""
                select lower(index_type_name) from information_schema.indexes where lower(table_name) = 'respondent'""",
                String.class)).as("the primary key alone, no index beside the rows").containsExactly("primary key");
        assertThatThrownBy(() -> jdbc.update("""
                insert into respondent (respondent_key, export_id, row_no, study, weight, answers)
                values (?, ?, 4, 'care-gap', 1.0, '')""", second * 4_294_967_296L + 4, second))
                .as("a second row 4 of the same export").isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * V13 on a file the version before wrote (pages compressed, answers naming their questions): opened as the service
     * now opens it (pages not compressed), its respondents read back as stored, beside an export stored since (codes).
     */
    @Test
    void anExportOfTheVersionBeforeInACompressedFileReadsBackBesideOneStoredSince(@TempDir Path folder) {
        String file = "jdbc:h2:file:" + folder.resolve("caregap") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        DriverManagerDataSource before = new DriverManagerDataSource(file + ";COMPRESS=TRUE", "sa", "");
        migrate(before, "12");
        JdbcTemplate old = new JdbcTemplate(before);
        long stored = export(old, "INGESTED");
        old.update("""
                insert into respondent (respondent_key, export_id, row_no, study, segment, respondent_id, weight, answers)
                values (?, ?, 4, 'care-gap', 'consumer', 'R1', 1.0, 'C_CARE=5;C_PREF_CHANNELS=1;C_COMMENT=0~ok%3B fine')""",
                stored * 4_294_967_296L + 4, stored);
        old.execute("shutdown");

        DriverManagerDataSource now = new DriverManagerDataSource(file, "sa", "");
        migrate(now, "16");  // the rows of V12 packed into blocks (V16) as they were
        JdbcTemplate jdbc = new JdbcTemplate(now);
        RespondentStore respondents = new RespondentStore(jdbc, new DataSourceTransactionManager(now), 0);
        StoredRespondents read = new StoredRespondents(jdbc, new DataSourceTransactionManager(now));
        long since = export(jdbc, "READING");
        try (RespondentWriter writer = respondents.writer(since, "care-gap",
                AnswerCodes.of(List.of("C_COMMENT", "C_PREF_CHANNELS", "C_CARE")))) {
            writer.add(new Respondent(7, "R2", "consumer", null, 1.0, null,
                    List.of(Answer.choice("C_CARE", 5), Answer.choice("C_PREF_CHANNELS", 1), Answer.text("C_COMMENT", "ok; fine"))), List.of());
            writer.flush();
        }
        jdbc.update("update survey_export set status = 'INGESTED' where id = ?", since);

        List<Answer> answered = List.of(Answer.choice("C_CARE", 5), Answer.choice("C_PREF_CHANNELS", 1),
                Answer.text("C_COMMENT", "ok; fine"));
        List<Respondent> back = new ArrayList<>();
        read.included("care-gap", Long.MAX_VALUE).forEach((exportFile, r) -> back.add(r));
        assertThat(back).extracting(Respondent::respondentId).containsExactly("R1", "R2");
        assertThat(back).allSatisfy(r -> assertThat(r.answers()).containsExactlyElementsOf(answered));
        assertThat(jdbc.query("select encoded from respondent_block order by block_key",
                (rs, i) -> RespondentBlock.rows(rs.getBytes(1))).stream().flatMap(List::stream).map(RespondentBlock.Row::answers))
                .containsExactly("C_CARE=5;C_PREF_CHANNELS=1;C_COMMENT=0~ok%3B fine", "2=5;1=1;0=0~ok%3B fine");
    }

    /**
     * V14: every stored identity gets its id's hash (the values as the reference MurmurHash3 gives them, see
     * IdentityHashTest), the hash is required from then on, and the index holds it instead of the id.
     */
    @Test
    void storedIdentitiesGetTheirIdsHashWhichIsThenRequiredAndIndexedInsteadOfTheId() {
        DriverManagerDataSource database = database();
        migrate(database, "13");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long first = export(jdbc, "INGESTED");
        long second = export(jdbc, "INGESTED");
        identity(jdbc, first, 4, "R1");
        identity(jdbc, first, 5, "R2");
        identity(jdbc, second, 4, "R1");

        migrate(database, "14");

        assertThat(jdbc.queryForList("select export_id || ':' || row_no || ':' || id_hash from respondent_identity order by export_id, row_no",
                String.class)).containsExactly(first + ":4:-2540346926345579419", first + ":5:-3516104638083039472",
                second + ":4:-2540346926345579419");
        assertThat(jdbc.queryForList("""
                select lower(i.index_name) || ':' || lower(c.column_name) from information_schema.indexes i
                join information_schema.index_columns c on c.index_name = i.index_name and c.table_name = i.table_name
                where lower(i.table_name) = 'respondent_identity'""", String.class))
                .containsExactly("respondent_identity_by_hash:id_hash");
        assertThatThrownBy(() -> identity(jdbc, second, 5, "R2"))
                .as("an identity written without its hash").isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * V14 stopped part-way on H2 (each of its statements commits by itself, so a stop leaves it pending with its column
     * added and some ids hashed): the next start runs it again and finishes it.
     */
    @Test
    void v14StoppedPartWayIsFinishedWhenItRunsAgain() {
        DriverManagerDataSource database = database();
        migrate(database, "13");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long export = export(jdbc, "INGESTED");
        identity(jdbc, export, 4, "R1");
        identity(jdbc, export, 5, "R2");
        // what a stop after its first statements leaves: the column, R1 hashed, R2 not yet, V14 not recorded
        jdbc.execute("alter table respondent_identity add column id_hash bigint");
        jdbc.update("update respondent_identity set id_hash = -2540346926345579419 where respondent_id = 'R1'");

        migrate(database, "14");

        assertThat(jdbc.queryForList("select row_no || ':' || id_hash from respondent_identity order by row_no", String.class))
                .containsExactly("4:-2540346926345579419", "5:-3516104638083039472");
        assertThat(jdbc.queryForList("""
                select lower(index_name) from information_schema.indexes where lower(table_name) = 'respondent_identity'""",
                String.class)).containsExactly("respondent_identity_by_hash");
    }

    /**
     * V16: every respondent row is packed, in key order, into blocks of its export (a block per range of
     * RespondentBlock.ROWS row numbers); the counts of an export ingested before they were kept are counted from its rows,
     * those kept already stay as they are; the respondent table goes.
     */
    @Test
    void respondentRowsArePackedIntoBlocksOfTheirExportAndCountsMissingAreCountedFromThem() {
        DriverManagerDataSource database = database();
        migrate(database, "15");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long uncounted = export(jdbc, "INGESTED");  // read before V7 kept counts: counted_* null
        long counted = export(jdbc, "INGESTED");
        jdbc.update("""
                update survey_export set counted_included = 10, counted_incomplete = 2, counted_ineligible = 1,
                                         counted_no_segment = 0 where id = ?""", counted);
        long big = export(jdbc, "READING");
        long empty = export(jdbc, "INGESTED");  // read before V7, no respondents at all

        Instant ended = Instant.parse("2026-03-01T10:00:00.123456Z");
        List<RespondentBlock.Row> uncountedRows = List.of(
                new RespondentBlock.Row(4, "consumer", "R1", ended, 1.0, null, "0=5;1=1"),
                new RespondentBlock.Row(5, "consumer", "R2", null, 0.75, null, "0=4;2=0~Grüße, 日本 🙂"),
                new RespondentBlock.Row(7, "consumer", "R3", ended.plusSeconds(60), 1.0, "INCOMPLETE", "0=1"),
                new RespondentBlock.Row(9, "provider", null, ended.plusSeconds(120), 2.5, "INELIGIBLE", ""),
                new RespondentBlock.Row(12, null, "R5", ended.plusSeconds(180), 1.0, "NO_SEGMENT", "C_CARE=5"),
                new RespondentBlock.Row(13, "provider", "R6", Instant.parse("2025-12-31T23:59:59Z"), 1.25, null, "0=3"));
        List<RespondentBlock.Row> countedRows = List.of(
                new RespondentBlock.Row(1, "consumer", "R1", ended, 1.0, null, "0=2"),
                new RespondentBlock.Row(2, "consumer", "R9", null, 1.0, "INCOMPLETE", "0=1"));
        List<RespondentBlock.Row> bigRows = new ArrayList<>();
        for (long row = 1; row <= 1_205; row++) {
            bigRows.add(new RespondentBlock.Row(row, row % 2 == 0 ? "consumer" : "provider", "B" + row,
                    row % 3 == 0 ? null : ended.plusSeconds(row), 1.0 + row / 1000.0, row % 7 == 0 ? "INCOMPLETE" : null,
                    "0=" + (row % 5) + ";1=1~row " + row));
        }
        // written out of key order: the big export first, the others backwards
        keyed(jdbc, big, bigRows);
        keyed(jdbc, counted, backwards(countedRows));
        keyed(jdbc, uncounted, backwards(uncountedRows));

        migrate(database, "16");

        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where lower(table_name) = 'respondent'",
                Long.class)).as("the respondent table is gone").isZero();
        assertThat(jdbc.queryForList("""
                select block_key || ':' || export_id || ':' || study || ':' || first_row || ':' || last_row || ':' || respondents
                from respondent_block order by block_key""", String.class))
                .containsExactly(
                        (uncounted * 4_294_967_296L + 4) + ":" + uncounted + ":care-gap:4:13:6",
                        (counted * 4_294_967_296L + 1) + ":" + counted + ":care-gap:1:2:2",
                        (big * 4_294_967_296L + 1) + ":" + big + ":care-gap:1:999:999",
                        (big * 4_294_967_296L + 1000) + ":" + big + ":care-gap:1000:1205:206");
        assertThat(blockRows(jdbc, uncounted)).containsExactlyElementsOf(uncountedRows);
        assertThat(blockRows(jdbc, counted)).containsExactlyElementsOf(countedRows);
        assertThat(blockRows(jdbc, big)).containsExactlyElementsOf(bigRows);
        assertThat(blockRows(jdbc, empty)).isEmpty();

        assertThat(counts(jdbc, uncounted)).as("counted from its rows").isEqualTo("3:1:1:1");
        assertThat(counts(jdbc, counted)).as("kept as they were").isEqualTo("10:2:1:0");
        assertThat(counts(jdbc, big)).as("not ingested: nothing counted").isEqualTo("-:-:-:-");
        assertThat(counts(jdbc, empty)).as("ingested with no respondents").isEqualTo("0:0:0:0");
    }

    /**
     * V16 stopped part-way on H2 (each statement commits by itself, so its table is there with some blocks, and the
     * rows are still there since they go last): the next start packs every row again, the blocks left behind replaced.
     */
    @Test
    void aV16StoppedPartWayIsFinishedByTheNextStartFromTheRowsStillThere() {
        DriverManagerDataSource database = database();
        migrate(database, "15");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long ingested = export(jdbc, "INGESTED");
        List<RespondentBlock.Row> rows = List.of(
                new RespondentBlock.Row(4, "consumer", "R1", Instant.parse("2026-03-01T10:00:00Z"), 1.0, null, "0=5"),
                new RespondentBlock.Row(5, "consumer", "R2", null, 1.0, "INCOMPLETE", "0=1"));
        keyed(jdbc, ingested, rows);
        // what the stopped start left: V16's table, one block of it written, the rows not yet removed
        jdbc.execute("""
                create table respondent_block (block_key bigint not null primary key, export_id bigint not null,
                    study varchar(64) not null, first_row bigint not null, last_row bigint not null,
                    respondents integer not null, encoded varbinary(1000000000) not null)""");
        jdbc.update("insert into respondent_block values (?, ?, 'care-gap', 4, 4, 1, ?)",
                ingested * 4_294_967_296L + 4, ingested, new byte[] {1, 2, 3});

        migrate(database, "16");

        assertThat(jdbc.queryForObject("select count(*) from respondent_block", Long.class)).isEqualTo(1);
        assertThat(blockRows(jdbc, ingested)).containsExactlyElementsOf(rows);
        assertThat(counts(jdbc, ingested)).isEqualTo("1:1:0:0");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where lower(table_name) = 'respondent'",
                Long.class)).isZero();
    }

    /**
     * V19: a duplicate stored before names no deciding export, and every run's files leave it out, as before; one
     * decided since by an export a run does not cover stays in that run's files.
     */
    @Test
    void aDuplicateStoredBeforeV19IsLeftOutOfEveryRunsFilesAndOneDecidedSinceOnlyOfTheRunsCoveringItsExport() {
        DriverManagerDataSource database = database();
        migrate(database, "18");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long first = export(jdbc, "INGESTED");
        long second = export(jdbc, "INGESTED");
        jdbc.update("insert into respondent_duplicate (export_id, row_no, study) values (?, 4, 'care-gap')", first);
        jdbc.update("insert into study_run (study, status) values ('care-gap', 'COMPUTED')");
        long run = jdbc.queryForObject("select max(id) from study_run", Long.class);
        jdbc.update("insert into run_export (run_id, export_id, included, incomplete, ineligible, duplicate, no_segment) "
                + "values (?, ?, 1, 0, 0, 1, 0)", run, first);

        migrate(database, "19");
        jdbc.update("insert into respondent_duplicate (export_id, row_no, study, decided_by) values (?, 5, 'care-gap', ?)",
                first, second);

        assertThat(jdbc.queryForList("select export_id || ':' || row_no || ':' || coalesce(cast(decided_by as varchar(20)), '-') "
                + "from respondent_duplicate order by row_no", String.class))
                .containsExactly(first + ":4:-", first + ":5:" + second);
        ResponseRowStore responses = new ResponseRowStore(jdbc,
                new StoredRespondents(jdbc, new DataSourceTransactionManager(database)));
        assertThat(responses.ofRun(run).duplicateRows()).containsOnlyKeys(first);
        assertThat(responses.ofRun(run).duplicateRows().get(first)).containsExactly(4L);
    }

    /**
     * V21: the identities of ingested exports whose identities are written are keyed by export and place in the
     * export's run, in hash order, and the run holds their hashes; those of a pending export and of one not ingested
     * are left out (a pending export's are written again from its rows by whichever instance takes them over).
     */
    @Test
    void identitiesAreKeyedByTheirPlaceInTheirExportsSortedRunWhichAMergeFinds() {
        DriverManagerDataSource database = database();
        migrate(database, "20");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long written = export(jdbc, "INGESTED");
        long pending = export(jdbc, "INGESTED");
        long reading = export(jdbc, "READING");
        jdbc.update("update survey_export set identities_pending = true, identities_through = 5 where id = ?", pending);
        for (String id : List.of("R1", "R2", "R3")) {
            hashedIdentity(jdbc, written, Integer.parseInt(id.substring(1)) + 3, id);
        }
        hashedIdentity(jdbc, written, 9, "R1");
        hashedIdentity(jdbc, pending, 4, "R1");
        hashedIdentity(jdbc, reading, 4, "R1");

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        List<String> inHashOrder = new ArrayList<>(List.of("R1:4", "R1:9", "R2:5", "R3:6"));
        inHashOrder.sort(java.util.Comparator.comparingLong(r -> IdentityHash.of(r.substring(0, 2))));
        List<String> keyed = new ArrayList<>();
        for (int place = 0; place < inHashOrder.size(); place++) {
            keyed.add(RespondentKey.of(written, place) + ":" + inHashOrder.get(place));
        }
        assertThat(jdbc.queryForList("select identity_key || ':' || respondent_id || ':' || row_no from respondent_identity order by identity_key",
                String.class)).containsExactlyElementsOf(keyed);
        List<Long> r1 = new IdentityRuns(jdbc).merge(List.of(written, pending, reading))
                .matches(new long[] {IdentityHash.of("R1")}, 1);
        assertThat(jdbc.queryForList("select row_no from respondent_identity where identity_key in (?, ?) order by row_no", Long.class,
                r1.toArray())).containsExactly(4L, 9L);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where lower(column_name) = 'identities_through'",
                Long.class)).isZero();
    }

    /** V21 stopped on H2 after the old table went and before the keyed one took its name: the next start keeps what it moved. */
    @Test
    void aV21StoppedAfterTheOldTableWentKeepsTheIdentitiesItMoved() {
        DriverManagerDataSource database = database();
        migrate(database, "20");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long written = export(jdbc, "INGESTED");
        hashedIdentity(jdbc, written, 4, "R1");
        // what the stopped start left: the runs and the keyed table, whole, and the old table gone
        jdbc.execute("create table identity_run (export_id bigint not null, piece integer not null, "
                + "hashes varbinary(1000000000) not null, primary key (export_id, piece))");
        jdbc.execute("""
                create table respondent_identity_keyed (identity_key bigint not null primary key, study varchar(64) not null,
                  segment varchar(64), respondent_id varchar(200) not null, export_id bigint not null, row_no bigint not null,
                  ended_at timestamp with time zone, id_hash bigint not null)""");
        jdbc.update("""
                insert into respondent_identity_keyed (identity_key, study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
                select ?, study, segment, respondent_id, export_id, row_no, ended_at, id_hash from respondent_identity""",
                RespondentKey.of(written, 0));
        jdbc.update("insert into identity_run (export_id, piece, hashes) values (?, 0, ?)", written,
                IdentityRuns.pack(new long[] {IdentityHash.of("R1")}, 1));
        jdbc.execute("drop table respondent_identity");

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForList("select identity_key || ':' || respondent_id || ':' || row_no from respondent_identity",
                String.class)).containsExactly(RespondentKey.of(written, 0) + ":R1:4");
        assertThat(new IdentityRuns(jdbc).merge(List.of(written)).matches(new long[] {IdentityHash.of("R1")}, 1))
                .containsExactly(RespondentKey.of(written, 0));
    }

    private static void hashedIdentity(JdbcTemplate jdbc, long export, long row, String id) {
        jdbc.update("""
                insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
                values ('care-gap', 'consumer', ?, ?, ?, null, ?)""", id, export, row, IdentityHash.of(id));
    }

    /** Respondent rows as V12 to V15 keep them, keyed by export_id * 2^32 + row_no. */
    private static void keyed(JdbcTemplate jdbc, long export, List<RespondentBlock.Row> rows) {
        jdbc.batchUpdate("""
                insert into respondent (respondent_key, export_id, row_no, study, segment, respondent_id, ended_at, weight,
                                        exclusion, answers)
                values (?, ?, ?, 'care-gap', ?, ?, ?, ?, ?, ?)""", rows.stream().map(r -> new Object[]{
                export * 4_294_967_296L + r.row(), export, r.row(), r.segment(), r.respondentId(),
                r.endedAt() == null ? null : OffsetDateTime.ofInstant(r.endedAt(), ZoneOffset.ofHours(2)), r.weight(),
                r.exclusion(), r.answers()}).toList());
    }

    /** The rows of an export's blocks, block after block in key order. */
    private static List<RespondentBlock.Row> blockRows(JdbcTemplate jdbc, long export) {
        List<RespondentBlock.Row> rows = new ArrayList<>();
        for (byte[] block : jdbc.queryForList("select encoded from respondent_block where export_id = ? order by block_key",
                byte[].class, export)) {
            rows.addAll(RespondentBlock.rows(block));
        }
        return rows;
    }

    private static <T> List<T> backwards(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String counts(JdbcTemplate jdbc, long export) {
        return jdbc.queryForObject("""
                select coalesce(cast(counted_included as varchar(20)), '-') || ':' || coalesce(cast(counted_incomplete as varchar(20)), '-')
                       || ':' || coalesce(cast(counted_ineligible as varchar(20)), '-') || ':' || coalesce(cast(counted_no_segment as varchar(20)), '-')
                from survey_export where id = ?""", String.class, export);
    }

    private static void identity(JdbcTemplate jdbc, long export, long row, String id) {
        jdbc.update("""
                insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at)
                values ('care-gap', 'consumer', ?, ?, ?, null)""", id, export, row);
    }

    private static DriverManagerDataSource database() {
        return new DriverManagerDataSource("jdbc:h2:mem:respondent-migrations-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
    }

    private static void migrate(DriverManagerDataSource database, String version) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(version).load().migrate();
    }

    private static long export(JdbcTemplate jdbc, String status) {
        jdbc.update("""
                insert into survey_export (study, file_name, source, content_hash, size_bytes, received_at, status)
                values ('care-gap', 'a.csv', 'test', ?, 1, current_timestamp, ?)""", "hash-" + status + "-" + System.nanoTime(), status);
        return jdbc.queryForObject("select max(id) from survey_export", Long.class);
    }

    private static void respondent(JdbcTemplate jdbc, long export, long row, String id, String exclusion, String ended) {
        jdbc.update("""
                insert into respondent (export_id, row_no, study, segment, respondent_id, ended_at, weight, exclusion, answers)
                values (?, ?, 'care-gap', 'consumer', ?, cast(? as timestamp with time zone), 1.0, ?, 'C_CARE=5')""",
                export, row, id, ended, exclusion);
    }
}
