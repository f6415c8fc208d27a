package dev.caregap.figures;

import dev.caregap.SmallHeap;
import dev.caregap.respondent.Respondent;
import dev.caregap.stats.Gap;
import dev.caregap.stats.Interval;
import dev.caregap.stats.Share;
import dev.caregap.study.Measure;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.caregap.figures.StudyFixture.business;
import static dev.caregap.figures.StudyFixture.consumer;
import static dev.caregap.figures.StudyFixture.excluded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FigureCalculatorTest {

    /** Consumers c1..c4 and businesses b1..b5 (see each line), plus one excluded respondent of each. */
    private static List<Figure> sampleFigures() {
        FigureCalculator calculator = new FigureCalculator(StudyFixture.study());
        List.of(
                // c1: US, 18-24, care 5, Email+SMS, industries A 4, B no experience, C 1
                consumer(1, "C_COUNTRY", 1, "C_AGE", 1, "C_CARE", 5, "C_CHANNELS", 1, "C_CHANNELS", 2,
                        "C_IND_A", 4, "C_IND_B", 6, "C_IND_C", 1),
                // c2: UK, 25-34, care 2, None of these, A 5, B 2, C no experience
                consumer(1, "C_COUNTRY", 2, "C_AGE", 2, "C_CARE", 2, "C_CHANNELS", 3,
                        "C_IND_A", 5, "C_IND_B", 2, "C_IND_C", 6),
                // c3: US, 25-34, care 4, SMS, A 1, B 5, C 4
                consumer(1, "C_COUNTRY", 1, "C_AGE", 2, "C_CARE", 4, "C_CHANNELS", 2,
                        "C_IND_A", 1, "C_IND_B", 5, "C_IND_C", 4),
                // c4: no country, no age, care 3, no channels, A no experience
                consumer(1, "C_CARE", 3, "C_IND_A", 6),
                excluded(StudyFixture.CONSUMER, "C_COUNTRY", 1, "C_CARE", 5, "C_CHANNELS", 1),
                // b1: US, care 5, uses mobile, gave a reason anyway (not shown to it: not counted)
                business(1, "B_COUNTRY", 1, "B_CARE", 5, "B_USES_MOBILE", 1, "B_REASONS", 1),
                // b2: US, care 4, no mobile, Technology + Expense
                business(1, "B_COUNTRY", 1, "B_CARE", 4, "B_USES_MOBILE", 2, "B_REASONS", 1, "B_REASONS", 2),
                // b3: UK, care 1, no mobile, Other
                business(1, "B_COUNTRY", 2, "B_CARE", 1, "B_USES_MOBILE", 2, "B_REASONS", 3),
                // b4: Australia, care 4, no mobile, no reasons
                business(1, "B_COUNTRY", 3, "B_CARE", 4, "B_USES_MOBILE", 2),
                // b5: no country, no care answer, no mobile answer, a reason (no condition answer: not counted)
                business(1, "B_REASONS", 2),
                excluded(StudyFixture.BUSINESS, "B_CARE", 5, "B_USES_MOBILE", 1)
        ).forEach(calculator::add);
        return calculator.figures();
    }

    private static Figure find(List<Figure> figures, String figure, String breakdown, String group,
                               String question, String answer) {
        List<Figure> found = figures.stream()
                .filter(f -> f.figure().equals(figure) && f.breakdown().equals(breakdown) && f.group().equals(group))
                .filter(f -> question == null || question.equals(f.question()))
                .filter(f -> answer == null || answer.equals(f.answer()))
                .toList();
        assertThat(found).as("%s %s %s %s %s", figure, breakdown, group, question, answer).hasSize(1);
        return found.get(0);
    }

    private static Figure total(List<Figure> figures, String figure, String question, String answer) {
        return find(figures, figure, Figure.TOTAL, Figure.ALL, question, answer);
    }

    private static void assertShare(Figure figure, long count, long base) {
        assertThat(figure.count()).isEqualTo(count);
        assertThat(figure.base()).isEqualTo(base);
        Share expected = Share.of(count, base);
        assertThat(figure.share()).isEqualTo(expected.value());
        assertThat(figure.low()).isEqualTo(expected.wilson().low());
        assertThat(figure.high()).isEqualTo(expected.wilson().high());
        assertThat(figure.effectiveBase()).isEqualTo((double) base);
        assertThat(figure.lowBase()).isEqualTo(base < 30);
        assertThat(figure.z()).isNull();
    }

    @Test
    void topTwoCountsTheTwoMostPositivePointsOverIncludedRespondentsWithAnAnswer() {
        List<Figure> figures = sampleFigures();
        Figure consumers = total(figures, "consumers_care", "C_CARE", Figure.TOP2);
        assertShare(consumers, 2, 4);
        assertThat(consumers.share()).isEqualTo(0.5);
        assertThat(consumers.measure()).isEqualTo(Measure.TOP2);
        assertShare(total(figures, "brands_care", "B_CARE", Figure.TOP2), 3, 4);
    }

    @Test
    void optionShareNamesTheOptionAsTheQuestionnaireWritesIt() {
        Figure mobile = total(sampleFigures(), "brands_mobile", "B_USES_MOBILE", null);
        assertThat(mobile.answer()).isEqualTo("Yes");
        assertShare(mobile, 1, 4);
    }

    @Test
    void multiSelectBaseIsWhoChoseAnythingAndEveryOptionIsGiven() {
        List<Figure> figures = sampleFigures();
        assertShare(total(figures, "channels", "C_CHANNELS", "Email"), 1, 3);
        assertShare(total(figures, "channels", "C_CHANNELS", "SMS"), 2, 3);
        assertShare(total(figures, "channels", "C_CHANNELS", "None of these"), 1, 3);
        assertThat(figures.stream().filter(f -> f.figure().equals("channels") && f.isTotal()))
                .extracting(Figure::answer).containsExactly("Email", "SMS", "None of these");
    }

    @Test
    void displayLogicCountsOnlyRespondentsWhoGaveTheConditionAnswer() {
        List<Figure> figures = sampleFigures();
        // Only b2 and b3 answered B_USES_MOBILE = No and gave a reason; b1 (Yes) and b5 (no answer) do not count.
        assertShare(total(figures, "reasons", "B_REASONS", "Technology"), 1, 2);
        assertShare(total(figures, "reasons", "B_REASONS", "Expense"), 1, 2);
        assertShare(total(figures, "reasons", "B_REASONS", "Other (please specify)"), 1, 2);
    }

    @Test
    void noExperienceIsLeftOutOfTheBaseAndOutOfTheOptions() {
        List<Figure> figures = sampleFigures();
        assertShare(total(figures, "industry", "C_IND_A", Figure.TOP2), 2, 3);
        assertShare(total(figures, "industry", "C_IND_B", Figure.TOP2), 1, 2);
        assertShare(total(figures, "industry", "C_IND_C", Figure.TOP2), 1, 2);
    }

    @Test
    void rankedFiguresAreRankedWithinEachGroupHighestFirst() {
        List<Figure> figures = sampleFigures();
        List<Figure> totals = figures.stream().filter(f -> f.figure().equals("industry") && f.isTotal()).toList();
        // A 2/3 first; B and C both 1/2 share rank 2.
        assertThat(totals).extracting(Figure::question).containsExactly("C_IND_A", "C_IND_B", "C_IND_C");
        assertThat(totals).extracting(Figure::rank).containsExactly(1, 2, 2);
        // United States: c1 A 4, C 1; c3 A 1, B 5, C 4 -> B 1/1, A 1/2, C 1/2.
        List<Figure> us = figures.stream()
                .filter(f -> f.figure().equals("industry") && f.group().equals("United States")).toList();
        assertThat(us).extracting(Figure::question).containsExactly("C_IND_B", "C_IND_A", "C_IND_C");
        assertThat(us).extracting(Figure::rank).containsExactly(1, 2, 2);
        assertThat(us).extracting(Figure::base).containsExactly(1L, 2L, 2L);
        // Australia has no consumers: no shares, no ranks.
        assertThat(figures.stream().filter(f -> f.figure().equals("industry") && f.group().equals("Australia")))
                .hasSize(3).allSatisfy(f -> assertThat(f.rank()).isNull());
        // Unranked figures carry no rank.
        assertThat(total(figures, "consumers_care", null, null).rank()).isNull();
    }

    @Test
    void eachOptionOverSeveralQuestionsGivesEachQuestionsOptionsRankedAmongThemselves() {
        FigureCalculator calculator = new FigureCalculator(StudyFixture.study(List.of(
                StudyFixture.spec("side_by_side", Measure.EACH_OPTION, List.of("C_COUNTRY", "C_IND_A"), null, true))));
        calculator.add(consumer(1, "C_COUNTRY", 3, "C_IND_A", 2));
        calculator.add(consumer(1, "C_COUNTRY", 3, "C_IND_A", 6));
        calculator.add(consumer(1, "C_COUNTRY", 1, "C_IND_A", 2));
        List<Figure> totals = calculator.figures().stream().filter(Figure::isTotal).toList();
        // Country: Australia 2/3, United States 1/3, United Kingdom 0/3; industry A (no experience left
        // out, five options): Disagree 2/2, the rest 0/2 sharing rank 2.
        assertThat(totals).extracting(Figure::answer).containsExactly("Australia", "United States",
                "United Kingdom", "Disagree", "Strongly disagree", "Neither", "Agree", "Strongly agree");
        assertThat(totals).extracting(Figure::rank).containsExactly(1, 2, 3, 1, 2, 2, 2, 2);
        assertThat(totals).extracting(Figure::base).containsExactly(3L, 3L, 3L, 2L, 2L, 2L, 2L, 2L);
    }

    @Test
    void anAgeBandUnderTheMinimumAgeIsNoGroupOfTheAgeBreakdown() {
        FigureCalculator calculator = new FigureCalculator(StudyDefinitions.read(new ByteArrayInputStream("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - {id: C_AGE, text: "Age?", type: age, minimumAge: 16, maximumAge: 99,
                     options: [{text: Under 16, min: 0, max: 15}, {text: 16-34, min: 16, max: 34}, {text: 35+, min: 35, max: 99}]}
                  - {id: C_CARE, text: "Care?", type: scale, options: [Disagree, Neither, Agree]}
                figures: [{id: care, measure: top2, question: C_CARE}]
                breakdowns: [{id: age_band, questions: [C_AGE]}]
                """.getBytes(StandardCharsets.UTF_8)), "s.yaml"));
        calculator.add(consumer(1, "C_AGE", 2, "C_CARE", 3));

        assertThat(calculator.figures()).filteredOn(f -> f.breakdown().equals("age_band"))
                .extracting(Figure::group).containsExactly("16-34", "35+");
    }

    @Test
    void gapIsTheDifferenceOfTheUnroundedSharesWithNewcombeAndZ() {
        Figure gap = total(sampleFigures(), "care_gap", null, null);
        Gap expected = new Gap(Share.of(3, 4), Share.of(2, 4));
        assertThat(gap.measure()).isEqualTo(Measure.GAP);
        assertThat(gap.share()).isEqualTo(0.25);
        assertThat(gap.low()).isEqualTo(expected.newcombe().low());
        assertThat(gap.high()).isEqualTo(expected.newcombe().high());
        assertThat(gap.z()).isEqualTo(expected.zTest().z());
        assertThat(gap.p()).isEqualTo(expected.zTest().p());
        assertThat(gap.count()).isZero();
        assertThat(gap.base()).isZero();
        assertThat(gap.effectiveBase()).isNaN();
        assertThat(gap.question()).isNull();
        assertThat(gap.lowBase()).isTrue();
    }

    @Test
    void breakdownGroupsFollowOptionOrderAndKeepEmptyGroups() {
        List<Figure> figures = sampleFigures();
        assertThat(figures.stream().filter(f -> f.figure().equals("consumers_care") && f.breakdown().equals("country")))
                .extracting(Figure::group).containsExactly("United States", "United Kingdom", "Australia");
        assertShare(find(figures, "consumers_care", "country", "United States", null, null), 2, 2);
        assertShare(find(figures, "consumers_care", "country", "United Kingdom", null, null), 0, 1);
        Figure australia = find(figures, "consumers_care", "country", "Australia", null, null);
        assertThat(australia.base()).isZero();
        assertThat(australia.share()).isNaN();
        assertThat(australia.low()).isNaN();
        assertThat(australia.high()).isNaN();
        assertThat(australia.lowBase()).isTrue();
        assertShare(find(figures, "brands_care", "country", "Australia", null, null), 1, 1);
        // Age bands: c4, who gave no age, is in no band.
        assertShare(find(figures, "consumers_care", "age_band", "18-24", null, null), 1, 1);
        assertShare(find(figures, "consumers_care", "age_band", "25-34", null, null), 1, 2);
        assertThat(find(figures, "consumers_care", "age_band", "35+", null, null).base()).isZero();
    }

    @Test
    void gapsAreBrokenDownOnlyWhereBothSidesHaveTheBreakdown() {
        List<Figure> figures = sampleFigures();
        Figure us = find(figures, "care_gap", "country", "United States", null, null);
        assertThat(us.share()).isEqualTo(0.0); // 2/2 - 2/2
        assertThat(us.z()).isNaN(); // both shares 1: no variance
        Figure uk = find(figures, "care_gap", "country", "United Kingdom", null, null);
        assertThat(uk.share()).isEqualTo(0.0); // 0/1 - 0/1
        Figure australia = find(figures, "care_gap", "country", "Australia", null, null);
        assertThat(australia.share()).isNaN(); // 1/1 - no consumers
        assertThat(australia.low()).isNaN();
        assertThat(figures).noneMatch(f -> f.figure().equals("care_gap") && f.breakdown().equals("age_band"));
        assertThat(figures).noneMatch(f -> f.figure().equals("brands_care") && f.breakdown().equals("age_band"));
    }

    @Test
    void totalsComeFirstThenEachBreakdown() {
        List<Figure> figures = sampleFigures();
        List<String> breakdowns = figures.stream().map(Figure::breakdown).distinct().toList();
        assertThat(breakdowns).containsExactly(Figure.TOTAL, "country", "age_band");
        int lastTotal = figures.stream().filter(Figure::isTotal).mapToInt(figures::indexOf).max().orElseThrow();
        assertThat(figures.subList(0, lastTotal + 1)).allMatch(Figure::isTotal);
        assertThat(figures.stream().filter(Figure::isTotal).map(Figure::figure).distinct())
                .containsExactly("brands_care", "consumers_care", "care_gap", "brands_mobile", "channels",
                        "reasons", "industry");
    }

    @Test
    void weightedShareUsesWeightSumsAndTheKishBaseWhileCountAndBaseStayCounts() {
        FigureCalculator calculator = new FigureCalculator(StudyFixture.study());
        calculator.add(consumer(1, "C_CARE", 5));
        calculator.add(consumer(2, "C_CARE", 4));
        calculator.add(consumer(3, "C_CARE", 1));
        Figure care = total(calculator.figures(), "consumers_care", null, null);
        assertThat(care.count()).isEqualTo(2);
        assertThat(care.base()).isEqualTo(3);
        assertThat(care.share()).isEqualTo(3.0 / 6); // (1 + 2) / (1 + 2 + 3)
        assertThat(care.effectiveBase()).isCloseTo(36.0 / 14, within(1e-12)); // 6^2 / (1 + 4 + 9)
        Interval wilson = Share.weighted(3, 6, 14).wilson();
        assertThat(care.low()).isEqualTo(wilson.low());
        assertThat(care.high()).isEqualTo(wilson.high());
    }

    @Test
    void weightedGapUsesTheWeightedSharesAndEffectiveBases() {
        FigureCalculator calculator = new FigureCalculator(StudyFixture.study());
        calculator.add(business(2, "B_CARE", 5));
        calculator.add(business(1, "B_CARE", 1));
        calculator.add(consumer(1, "C_CARE", 5));
        calculator.add(consumer(3, "C_CARE", 2));
        Figure gap = total(calculator.figures(), "care_gap", null, null);
        // brands 2/3 on 9/5; consumers 1/4 on 16/10.
        Gap expected = new Gap(Share.weighted(2, 3, 5), Share.weighted(1, 4, 10));
        assertThat(gap.share()).isCloseTo(2.0 / 3 - 1.0 / 4, within(1e-15));
        assertThat(gap.low()).isEqualTo(expected.newcombe().low());
        assertThat(gap.z()).isEqualTo(expected.zTest().z());
    }

    @Test
    void aWeightThatIsNoNumberIsRefused() {
        FigureCalculator calculator = new FigureCalculator(StudyFixture.study());
        assertThatThrownBy(() -> calculator.add(consumer(Double.NaN, "C_CARE", 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calculator.add(consumer(-1, "C_CARE", 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** More respondents than a 32 MB heap could keep (each takes well over 100 bytes). */
    private static final int MANY = 1_000_000;
    private static final int HEAP_MB = 32;

    @Test
    void aMillionRespondentsAreCountedInAHeapTooSmallToKeepThem() {
        SmallHeap.Run run = SmallHeap.run(HEAP_MB, CountMany.class, String.valueOf(MANY), "count");

        assertThat(run.exitCode()).as(run.output()).isZero();
        // i % 5 + 1 puts 2 of every 5 in the top-2; Australia is i % 3 == 2 for i = 0 .. 999,999.
        assertThat(run.output()).contains("consumers_care " + MANY * 2 / 5 + " of " + MANY + ", Australia base 333333");
    }

    @Test
    void keepingTheRespondentsDoesNotFitInThatHeap() {
        SmallHeap.Run run = SmallHeap.run(HEAP_MB, CountMany.class, String.valueOf(MANY), "keep");

        assertThat(run.ranOutOfMemory()).as(run.output()).isTrue();
    }

    /** Counts n made-up consumers, also keeping them when asked ("keep"), and prints two figures. */
    static final class CountMany {

        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]);
            boolean keep = args[1].equals("keep");
            List<Respondent> kept = new ArrayList<>();
            FigureCalculator calculator = new FigureCalculator(StudyFixture.study());
            for (int i = 0; i < n; i++) {
                Respondent respondent = consumer(1, "C_COUNTRY", i % 3 + 1, "C_CARE", i % 5 + 1, "C_CHANNELS", i % 2 + 1);
                calculator.add(respondent);
                if (keep) {
                    kept.add(respondent);
                }
            }
            List<Figure> figures = calculator.figures();
            Figure care = total(figures, "consumers_care", null, null);
            Figure australia = find(figures, "consumers_care", "country", "Australia", null, null);
            System.out.println("consumers_care " + care.count() + " of " + care.base() + ", Australia base "
                    + australia.base() + (keep ? ", kept " + kept.size() : ""));
        }
    }
}
