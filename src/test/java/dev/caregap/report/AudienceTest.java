package dev.caregap.report;

import dev.caregap.figures.Figure;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import dev.caregap.study.Measure;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceTest {

    private static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    private static final Instant AT = Instant.parse("2025-03-04T10:15:30Z");

    private static final Figure BRANDS = share("brands_believe_care", "B_CARE", Figure.TOTAL, Figure.ALL, 402, 550);
    private static final Figure BRANDS_AU = share("brands_believe_care", "B_CARE", "country", "Australia", 60, 80);
    private static final Figure BRANDS_US = share("brands_believe_care", "B_CARE", "country", "United States", 200, 270);
    private static final Figure CONSUMERS = share("consumers_feel_cared_for", "C_CARE", Figure.TOTAL, Figure.ALL, 396, 1100);
    private static final Figure CONSUMERS_AU = share("consumers_feel_cared_for", "C_CARE", "country", "Australia", 50, 160);
    private static final Figure GAP = gap(Figure.TOTAL, Figure.ALL, 402.0 / 550 - 396.0 / 1100);
    private static final Figure GAP_AU = gap("country", "Australia", 60.0 / 80 - 50.0 / 160);

    private static final RunReport RUN = new RunReport(7, "run-00007", CARE_GAP, "x.csv", AT,
            List.of(BRANDS, BRANDS_AU, BRANDS_US, CONSUMERS, CONSUMERS_AU, GAP, GAP_AU), List.of(), 3,
            new PreviousRun(5, "run-00005", AT.minusSeconds(3600), List.of(BRANDS, BRANDS_AU, GAP, GAP_AU)));

    @Test
    void everyoneSeesTheRunAsItIs() {
        assertThat(Audience.EVERYONE.apply(RUN)).isSameAs(RUN);
    }

    @Test
    void australiaSeesOnlyTheAustralianFiguresRecastAsTotals() {
        RunReport australia = Audience.group("country", "Australia").apply(RUN);

        assertThat(australia.figures()).extracting(Figure::figure, Figure::breakdown, Figure::group, Figure::count, Figure::base)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("brands_believe_care", Figure.TOTAL, Figure.ALL, 60L, 80L),
                        org.assertj.core.groups.Tuple.tuple("consumers_feel_cared_for", Figure.TOTAL, Figure.ALL, 50L, 160L),
                        org.assertj.core.groups.Tuple.tuple("care_gap", Figure.TOTAL, Figure.ALL, 0L, 0L));
        assertThat(australia.figures().get(2).share()).isEqualTo(0.75 - 0.3125);
        assertThat(australia.previousRun()).get().extracting(p -> p.figures().size()).isEqualTo(2);
        assertThat(australia.previousRun().get().figures()).allMatch(Figure::isTotal)
                .extracting(Figure::share).containsExactly(0.75, 0.75 - 0.3125);
        assertThat(australia.runId()).isEqualTo(7);
    }

    @Test
    void aSegmentSeesItsOwnFiguresWithTheirBreakdownsAndNoGaps() {
        RunReport consumers = Audience.segment("consumer", "Consumers").apply(RUN);

        assertThat(consumers.figures()).containsExactly(CONSUMERS, CONSUMERS_AU);
        assertThat(consumers.previousRun().get().figures()).isEmpty();
    }

    private static Figure share(String figure, String question, String breakdown, String group, long count, long base) {
        double share = (double) count / base;
        return new Figure(figure, figure, Measure.TOP2, question, Figure.TOP2, breakdown, group, count, base, share,
                share - 0.03, share + 0.03, base, null, null, base < 30, null);
    }

    private static Figure gap(String breakdown, String group, double gap) {
        return new Figure("care_gap", "The care gap", Measure.GAP, null, null, breakdown, group, 0, 0, gap,
                gap - 0.05, gap + 0.05, Double.NaN, 5.0, 1e-6, false, null);
    }
}
