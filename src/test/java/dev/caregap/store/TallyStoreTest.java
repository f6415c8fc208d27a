package dev.caregap.store;

import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.figures.FigureTallies;
import dev.caregap.quality.ExportCount;
import dev.caregap.read.Arrival;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Question;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
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
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's tallies from the store (each export's stored tallies, less today's duplicates) give the figures of counting
 * every included, not duplicate respondent the run covers, on the embedded H2 with the real migrations.
 */
@JdbcTest
@Import({ExportStore.class, RespondentStore.class, StoredRespondents.class, TallyStore.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TallyStoreTest {

    private static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    ExportStore exports;
    @Autowired
    RespondentStore respondents;

    @Autowired
    StoredRespondents stored;
    @Autowired
    TallyStore tallies;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storedTalliesLessDuplicatesGiveTheFiguresOfCountingTheRespondentsOnRandomDrops() {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            String study = "tallies-" + seed + "-" + System.nanoTime();
            List<Long> ingested = new ArrayList<>();
            int exportCount = 2 + random.nextInt(5);
            for (int e = 0; e < exportCount; e++) {
                List<Respondent> rows = new ArrayList<>();
                long row = 0;
                for (int r = 0; r < 1 + random.nextInt(60); r++) {
                    row += 1 + random.nextInt(150);  // over several blocks' ranges of rows (RespondentBlock)
                    rows.add(respondent(row, random));
                }
                String file = "e" + e + ".csv";
                switch (random.nextInt(6)) {
                    case 0 -> written(study, file, rows);    // still being read: never counts
                    case 1 -> {                             // ingested, then removed again
                        TakenOut.takeOut(jdbc, respondents, ingest(study, file, rows, true));
                    }
                    case 2 -> ingested.add(ingest(study, file, rows, false));  // ingested before tallies were kept
                    default -> ingested.add(ingest(study, file, rows, true));
                }
            }
            for (long lastExport : List.of(ingested.isEmpty() ? 0L : ingested.get(0), Long.MAX_VALUE)) {
                assertSameFigures(figuresFromTallies(study, lastExport), figuresCountingEveryRespondent(study, lastExport),
                        "seed " + seed + " up to " + lastExport);
            }
            // the exports without tallies got theirs counted once, and kept
            assertThat(jdbc.queryForObject("""
                    select count(*) from export_tallies t join survey_export e on e.id = t.export_id
                    where e.study = ? and e.status = 'INGESTED'""", Long.class, study)).isEqualTo(ingested.size());
        }
    }

    @Test
    void talliesOfAnotherStudyDefinitionAreCountedAgain() {
        String study = "layout-" + System.nanoTime();
        Random random = new Random(7);
        List<Respondent> rows = List.of(respondent(1, random), respondent(2, random), respondent(3, random));
        long id = ingest(study, "x.csv", rows, true);
        jdbc.update("update export_tallies set layout = 'another definition', tallies = '1 2 3' where export_id = ?", id);

        assertSameFigures(figuresFromTallies(study, Long.MAX_VALUE), figuresCountingEveryRespondent(study, Long.MAX_VALUE),
                "recounted");
        assertThat(jdbc.queryForObject("select layout from export_tallies where export_id = ?", String.class, id))
                .isEqualTo(new FigureTallies(CARE_GAP).layout());
    }

    private List<Figure> figuresFromTallies(String study, long lastExport) {
        return new FigureCalculator(tallies.ofRun(CARE_GAP, study, lastExport)).figures();
    }

    private List<Figure> figuresCountingEveryRespondent(String study, long lastExport) {
        FigureCalculator calculator = new FigureCalculator(CARE_GAP);
        stored.included(study, lastExport).forEach((file, r) -> calculator.add(r));
        return calculator.figures();
    }

    /** Ingests as the pipeline does: tallies kept (or not, as before they were) and duplicates settled. */
    private long ingest(String study, String file, List<Respondent> rows, boolean keepTallies) {
        long id = written(study, file, rows);
        exports.markIngested(id, "test", T0.plusSeconds(3600), study, "tidy", "CSV", "consumer", counted(rows));
        if (keepTallies) {
            FigureTallies counted = new FigureTallies(CARE_GAP);
            rows.forEach(counted::add);
            tallies.save(id, counted);
        }
        respondents.markDuplicates(study);
        return id;
    }

    private long written(String study, String file, List<Respondent> rows) {
        Arrival arrival = new Arrival(Path.of(file), file, "test", "hash-" + file + study, 1, T0);
        long id = exports.claim(arrival, "test", T0.plusSeconds(3600)).claimed();
        try (RespondentWriter writer = respondents.writer(id, study, AnswerCodes.of(CARE_GAP.questions().stream().map(Question::id).toList()))) {
            rows.forEach(r -> writer.add(r, List.of()));
            writer.flush();
        }
        return id;
    }

    /** A respondent of one of few identities (so exports repeat each other), random answers and weight. */
    private static Respondent respondent(long row, Random random) {
        String segment = CARE_GAP.segments().get(random.nextInt(CARE_GAP.segments().size())).id();
        List<Answer> answers = new ArrayList<>();
        for (Question question : CARE_GAP.questions()) {
            if (question.segment().equals(segment) && random.nextInt(5) != 0 && !question.options().isEmpty()) {
                answers.add(Answer.choice(question.id(), 1 + random.nextInt(question.options().size())));
            }
        }
        double weight = List.of(1.0, 1.5, 0.7, 0.0).get(random.nextInt(4));
        return new Respondent(row, "R" + random.nextInt(40), segment, T0.plusSeconds(random.nextInt(3)), weight,
                random.nextInt(8) == 0 ? Exclusion.INCOMPLETE : null, answers);
    }

    private static void assertSameFigures(List<Figure> actual, List<Figure> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Figure a = actual.get(i);
            Figure e = expected.get(i);
            String row = what + ": " + e.figure() + " " + e.breakdown() + " " + e.group() + " " + e.answer();
            assertThat(a.figure() + a.breakdown() + a.group() + a.answer()).as(row)
                    .isEqualTo(e.figure() + e.breakdown() + e.group() + e.answer());
            assertThat(new long[] {a.count(), a.base()}).as(row).containsExactly(e.count(), e.base());
            assertThat(a.rank()).as(row).isEqualTo(e.rank());
            double[] got = {a.share(), a.low(), a.high(), a.z() == null ? 0 : a.z(), a.p() == null ? 0 : a.p()};
            double[] want = {e.share(), e.low(), e.high(), e.z() == null ? 0 : e.z(), e.p() == null ? 0 : e.p()};
            for (int k = 0; k < want.length; k++) {
                if (Double.isNaN(want[k])) {
                    assertThat(got[k]).as(row).isNaN();
                } else {
                    assertThat(got[k]).as(row).isCloseTo(want[k], org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(want[k]))));
                }
            }
        }
    }

    private static ExportCount counted(List<Respondent> rows) {
        ExportCount counted = new ExportCount();
        rows.forEach(counted::add);
        return counted;
    }
}
