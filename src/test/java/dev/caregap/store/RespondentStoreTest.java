package dev.caregap.store;

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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's own rules, on the embedded H2 with the real migrations. */
@JdbcTest
@Import({ExportStore.class, RespondentStore.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RespondentStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    ExportStore exports;
    @Autowired
    RespondentStore respondents;
    @Autowired
    JdbcTemplate jdbc;

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
        respondents.included(study, Long.MAX_VALUE).forEach((file, r) -> included.add(file + ":" + r.respondentId()));
        assertThat(included).containsExactly("a.csv:R1", "a.csv:R4", "b.csv:R2", "b.csv:R3", "b.csv:R4");
    }

    @Test
    void includedRespondentsComeBackWithTheirAnswers() {
        String study = "answers-" + System.nanoTime();
        ingest(study, "c.csv", new Respondent(4, "R9", "consumer", T0, 1.5, null,
                List.of(Answer.choice("C_CARE", 4), Answer.choice("C_PREF_CHANNELS", 1),
                        Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", "Fine, \"thanks\""))));
        List<Respondent> back = new ArrayList<>();
        respondents.included(study, Long.MAX_VALUE).forEach((file, r) -> back.add(r));
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
        respondents.included(study, first).forEach((file, r) -> upToFirst.add(r.respondentId()));
        assertThat(upToFirst).containsExactly("R1");
        assertThat(exports.lastIngested(study)).isGreaterThan(first);
        assertThat(exports.quality(study, first)).hasSize(1);
    }

    @Test
    void aRejectedExportLeavesNothingBehind() {
        String study = "reject-" + System.nanoTime();
        long id = ingest(study, "d.csv", respondent(4, "R1", "consumer", T0, null));
        respondents.deleteExport(id);
        exports.markRejected(id, "the file ends inside a quoted field");
        assertThat(jdbc.queryForObject("select count(*) from respondent where export_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from data_issue where export_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select status from survey_export where id = ?", String.class, id)).isEqualTo("REJECTED");
    }

    private long ingest(String study, String file, Respondent... rows) {
        Arrival arrival = new Arrival(Path.of(file), file, "test", "hash-" + file + study, 1, T0);
        long id = exports.claim(arrival, "test", T0.plusSeconds(3600)).claimed();
        RespondentWriter writer = respondents.writer(id, study);
        for (Respondent r : rows) {
            writer.add(r, List.of(new Issue(r.row(), "C_AGE", "C_AGE", "abc", "age not readable")));
        }
        writer.flush();
        exports.markIngested(id, "test", study, "tidy", "CSV", "consumer", rows.length);
        return id;
    }

    private static Respondent respondent(long row, String id, String segment, Instant ended, Exclusion exclusion) {
        return new Respondent(row, id, segment, ended, 1.0, exclusion, List.of(Answer.choice("C_CARE", 5)));
    }

    private List<String> duplicates(String study) {
        return jdbc.queryForList("select export_id || ':' || row_no from respondent where study = ? and duplicate = true",
                String.class, study);
    }
}
