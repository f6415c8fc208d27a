package dev.caregap.figures;

import dev.caregap.stats.Share;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A tally counts a respondent of weight 1 without adding to its weight sums, and adds those ones to them as one whole
 * number whenever the sums are read, written or combined: checked here against the counts themselves (a study without
 * weights) and against exact sums of the weights (a study with them).
 */
class TallyTest {

    private static final List<Integer> FIRST = List.of(1);
    private static final List<Integer> SECOND_OR_THIRD = List.of(2, 3);

    @Test
    void withoutWeightsTheWrittenSumsAreExactlyTheCounts() {
        Tally tally = new Tally(3);
        Tally other = new Tally(3);
        for (int i = 0; i < 1_000; i++) {
            tally.add(new int[] {i % 3}, 1, 1.0);
            if (i % 2 == 0) {
                other.add(new int[] {0, 2}, 2, 1.0);  // a multi-select: two options chosen
            }
        }
        tally.plus(other);
        Tally taken = new Tally(3);
        for (int i = 0; i < 10; i++) {
            taken.add(new int[] {0}, 1, 1.0);
        }
        tally.minus(taken);

        // base 1,000 + 500 - 10; option 1: 334 + 500 - 10, option 2: 333, option 3: 333 + 500; no compensation
        assertThat(written(tally)).isEqualTo("1490 1490 0 1490 0 824 824 0 333 333 0 833 833 0");
        assertThat(tally.share(FIRST).value()).isEqualTo(824.0 / 1490);
        assertThat(tally.share(FIRST).effectiveBase()).isEqualTo(1490.0);
    }

    @Test
    void withWeightsTheShareIsTheExactSumsShareWhateverTheOrderOfAddingReadingAndCombining() {
        Random random = new Random(7);
        Tally tally = new Tally(3);
        BigDecimal base = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        BigDecimal first = BigDecimal.ZERO;
        BigDecimal secondOrThird = BigDecimal.ZERO;
        for (int round = 0; round < 20; round++) {
            Tally export = new Tally(3);
            for (int i = 0; i < 500; i++) {
                // most respondents of weight 1, the rest weighted across four orders of magnitude
                double weight = random.nextInt(3) == 0 ? 0.01 + random.nextDouble() * 100 : 1.0;
                int option = random.nextInt(3);
                export.add(new int[] {option}, 1, weight);
                BigDecimal w = new BigDecimal(weight);
                base = base.add(w);
                squares = squares.add(w.multiply(w));
                if (option == 0) {
                    first = first.add(w);
                } else {
                    secondOrThird = secondOrThird.add(w);
                }
            }
            if (round % 2 == 0) {
                export = readBack(export, 3);  // as a run reads an export's stored tallies
            }
            tally.plus(export);
            if (round % 5 == 4) {
                tally = readBack(tally, 3);
            }
        }

        Share share = tally.share(FIRST);
        assertThat(share.value()).isCloseTo(first.doubleValue() / base.doubleValue(), within(1e-12));
        assertThat(share.effectiveBase()).isCloseTo(base.multiply(base).doubleValue() / squares.doubleValue(),
                within(1e-9 * base.doubleValue()));
        assertThat(tally.share(SECOND_OR_THIRD).value())
                .isCloseTo(secondOrThird.doubleValue() / base.doubleValue(), within(1e-12));
        assertThat(tally.base()).isEqualTo(10_000);
    }

    @Test
    void takingOffWhatWasCountedLeavesAnExactlyEmptyTallyWhetherOrNotItWasReadBackFirst() {
        Random random = new Random(11);
        Tally counted = new Tally(2);
        Tally again = new Tally(2);
        for (int i = 0; i < 300; i++) {
            double weight = i % 4 == 0 ? 0.5 + random.nextDouble() : 1.0;
            counted.add(new int[] {i % 2}, 1, weight);
            again.add(new int[] {i % 2}, 1, weight);
        }
        Tally stored = readBack(counted, 2);

        stored.minus(again);

        assertThat(written(stored)).isEqualTo("0 0 0 0 0 0 0 0 0 0 0");
        assertThat(stored.share(FIRST).isEmpty()).isTrue();
    }

    private static String written(Tally tally) {
        StringBuilder out = new StringBuilder();
        tally.write(out);
        return out.toString();
    }

    private static Tally readBack(Tally tally, int options) {
        Tally read = new Tally(options);
        read.read(new FigureTallies.Reader(written(tally)));
        return read;
    }
}
