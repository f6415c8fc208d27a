package dev.caregap.figures;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Study;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures from tallies added up export by export, less the tallies of the respondents later found to be
 * duplicates, equal the figures of one full count over the respondents that count: on random exports
 * (random answers, groups, weights), with respondents repeated across exports and either copy set aside.
 */
class FigureTalliesProperties {

    private static final Study STUDY = StudyFixture.study();
    private static final double TOLERANCE = 1e-12;

    /** One respondent of a random export, and whether the run sets it aside as a duplicate. */
    private record Row(Respondent respondent, boolean duplicate) {
    }

    @Property(tries = 300)
    void exportTalliesLessDuplicatesEqualAFullCount(@ForAll("exports") List<List<Respondent>> fresh, @ForAll long seed) {
        List<List<Row>> exports = withRepeats(fresh, new Random(seed));

        FigureTallies run = new FigureTallies(STUDY);
        FigureTallies duplicates = new FigureTallies(STUDY);
        FigureCalculator full = new FigureCalculator(STUDY);
        for (List<Row> export : exports) {
            FigureTallies ofExport = new FigureTallies(STUDY);
            for (Row row : export) {
                ofExport.add(row.respondent());
                if (row.duplicate()) {
                    duplicates.add(row.respondent());
                } else {
                    full.add(row.respondent());
                }
            }
            // as stored with the export and read back by a run
            run.plus(FigureTallies.decode(STUDY, ofExport.encode()));
        }
        run.minus(duplicates);

        assertSameFigures(new FigureCalculator(run).figures(), full.figures());
    }

    @Property(tries = 100)
    void storedTalliesReadBackGiveExactlyTheSameFigures(@ForAll("exports") List<List<Respondent>> exports) {
        FigureTallies tallies = new FigureTallies(STUDY);
        exports.forEach(export -> export.forEach(tallies::add));

        FigureTallies readBack = FigureTallies.decode(STUDY, tallies.encode());

        assertThat(readBack.encode()).isEqualTo(tallies.encode());
        assertThat(new FigureCalculator(readBack).figures()).isEqualTo(new FigureCalculator(tallies).figures());
    }

    @Property(tries = 100)
    void takingEveryRespondentOffAgainLeavesEmptyFigures(@ForAll("exports") List<List<Respondent>> exports) {
        FigureTallies all = new FigureTallies(STUDY);
        FigureTallies again = new FigureTallies(STUDY);
        exports.forEach(export -> export.forEach(r -> {
            all.add(r);
            again.add(r);
        }));

        all.minus(again);

        assertThat(new FigureCalculator(all).figures()).isEqualTo(new FigureCalculator(STUDY).figures());
    }

    /**
     * The fresh exports, each followed by a random share of earlier respondents exported again (answers may
     * have changed); of each repeated respondent one copy, at random, counts and the other is a duplicate.
     */
    private static List<List<Row>> withRepeats(List<List<Respondent>> fresh, Random random) {
        List<List<Row>> exports = new ArrayList<>();
        List<Row> earlier = new ArrayList<>();
        for (List<Respondent> export : fresh) {
            List<Row> rows = new ArrayList<>();
            for (Respondent respondent : export) {
                rows.add(new Row(respondent, false));
            }
            for (int i = 0; i < earlier.size(); i++) {
                Row before = earlier.get(i);
                if (before.duplicate() || random.nextInt(4) != 0) {
                    continue;
                }
                boolean laterCounts = random.nextBoolean();
                earlier.set(i, new Row(before.respondent(), laterCounts));
                Respondent again = random.nextBoolean() ? before.respondent() : changed(before.respondent(), random);
                rows.add(new Row(again, !laterCounts));
            }
            exports.add(rows);
            earlier.addAll(rows);
        }
        // rows were replaced in `earlier` only: rebuild each export's rows with their final flags
        List<List<Row>> settled = new ArrayList<>();
        int at = 0;
        for (List<Row> rows : exports) {
            settled.add(new ArrayList<>(earlier.subList(at, at + rows.size())));
            at += rows.size();
        }
        return settled;
    }

    private static Respondent changed(Respondent respondent, Random random) {
        return respondent(respondent.segment(), 0.5 + random.nextDouble() * 2, random);
    }

    @Provide
    Arbitrary<List<List<Respondent>>> exports() {
        Arbitrary<Respondent> respondent = Combinators.combine(
                Arbitraries.of(StudyFixture.CONSUMER, StudyFixture.BUSINESS),
                // survey weights: 1, 0, near 1 with many digits, and trimmed weights across four orders of
                // magnitude (far wider ranges, 1e-12 beside 1e3, are beyond what any summation keeps in a double)
                Arbitraries.oneOf(Arbitraries.just(1.0), Arbitraries.just(0.0),
                        Arbitraries.doubles().between(0.5, 2).ofScale(15), Arbitraries.doubles().between(0.01, 100).ofScale(8)),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 9)
        ).as((segment, weight, seed, exclusion) -> {
            Respondent r = respondent(segment, weight, new Random(seed));
            return exclusion == 0 ? new Respondent(r.row(), r.respondentId(), r.segment(), null, r.weight(),
                    Exclusion.INCOMPLETE, r.answers()) : r;
        });
        return respondent.list().ofMaxSize(60).list().ofMinSize(1).ofMaxSize(6);
    }

    /** Random answers to the segment's questions: some skipped, some codes out of range, several for a multi-select. */
    private static Respondent respondent(String segment, double weight, Random random) {
        List<Answer> answers = new ArrayList<>();
        for (Question question : STUDY.questions()) {
            if (!question.segment().equals(segment) || random.nextInt(6) == 0) {
                continue;
            }
            int picks = question.type() == QuestionType.MULTI ? 1 + random.nextInt(3) : 1;
            for (int i = 0; i < picks; i++) {
                answers.add(Answer.choice(question.id(), random.nextInt(question.options().size() + 2)));
            }
        }
        return new Respondent(1, "r", segment, null, weight, null, answers);
    }

    private static void assertSameFigures(List<Figure> actual, List<Figure> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Figure a = actual.get(i);
            Figure e = expected.get(i);
            String row = e.figure() + " " + e.breakdown() + " " + e.group() + " " + e.question() + " " + e.answer();
            assertThat(List.of(a.figure(), a.breakdown(), a.group(), String.valueOf(a.question()), String.valueOf(a.answer())))
                    .as(row).containsExactly(e.figure(), e.breakdown(), e.group(), String.valueOf(e.question()),
                            String.valueOf(e.answer()));
            assertThat(a.count()).as(row).isEqualTo(e.count());
            assertThat(a.base()).as(row).isEqualTo(e.base());
            assertThat(a.lowBase()).as(row).isEqualTo(e.lowBase());
            assertThat(a.rank()).as(row).isEqualTo(e.rank());
            assertClose(row + " share", a.share(), e.share());
            assertClose(row + " effective base", a.effectiveBase(), e.effectiveBase());
            assertClose(row + " low", a.low(), e.low());
            assertClose(row + " high", a.high(), e.high());
            assertClose(row + " z", a.z(), e.z());
            assertClose(row + " p", a.p(), e.p());
        }
    }

    /** Equal within 1e-12 of the value's size (at least 1); NaN only where the full count has NaN. */
    private static void assertClose(String what, Double actual, Double expected) {
        if (expected == null || expected.isNaN()) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
    }
}
