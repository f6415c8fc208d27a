package dev.caregap.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GapTest {

    @Test
    void newcombeMethodTenMatchesHisWorkedExample() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, example (a): 56/70 - 48/80, 0.0524 to 0.3339.
        Gap gap = new Gap(Share.of(56, 70), Share.of(48, 80));
        assertThat(gap.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(gap.newcombe().low()).isCloseTo(0.0524, within(0.00005));
        assertThat(gap.newcombe().high()).isCloseTo(0.3339, within(0.00005));
    }

    @Test
    void careGap() {
        assertGap(new Gap(Share.of(402, 550), Share.of(396, 1100)),
                37.09, 32.28, 41.59, 14.2124, 7.68e-46);
    }

    @Test
    void mobileSatisfactionGap() {
        assertGap(new Gap(Share.of(369, 550), Share.of(517, 1100)),
                20.09, 15.09, 24.89, 7.7154, 1.21e-14);
    }

    @Test
    void mobileAdoptionGap() {
        assertGap(new Gap(Share.of(946, 1100), Share.of(319, 550)),
                28.00, 23.40, 32.59, 12.6766, 7.97e-37);
    }

    /** Against the statsmodels reference table (percentage points, z to 4 decimals, p to 3 digits). */
    private static void assertGap(Gap gap, double points, double low, double high, double z, double p) {
        assertThat(100 * gap.difference()).isCloseTo(points, within(0.005));
        assertThat(100 * gap.newcombe().low()).isCloseTo(low, within(0.005));
        assertThat(100 * gap.newcombe().high()).isCloseTo(high, within(0.005));
        assertThat(gap.zTest().z()).isCloseTo(z, within(0.00005));
        // p to the three significant digits the table gives.
        assertThat(String.format(java.util.Locale.ROOT, "%.2e", gap.zTest().p()))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2e", p));
    }

    @Test
    void aNegativeGapHasANegativeZAndTheSameP() {
        Gap forward = new Gap(Share.of(402, 550), Share.of(396, 1100));
        Gap backward = new Gap(Share.of(396, 1100), Share.of(402, 550));
        assertThat(backward.zTest().z()).isEqualTo(-forward.zTest().z());
        assertThat(backward.zTest().p()).isEqualTo(forward.zTest().p());
        assertThat(backward.newcombe().low()).isCloseTo(-forward.newcombe().high(), within(1e-12));
    }

    @Test
    void weightedSharesEnterWithTheirEffectiveBases() {
        // Weights of 1 reproduce the unweighted gap exactly.
        Gap weighted = new Gap(Share.weighted(402, 550, 550), Share.weighted(396, 1100, 1100));
        Gap plain = new Gap(Share.of(402, 550), Share.of(396, 1100));
        assertThat(weighted.newcombe()).isEqualTo(plain.newcombe());
        assertThat(weighted.zTest()).isEqualTo(plain.zTest());
        // A smaller effective base widens the interval and shrinks z.
        Gap design = new Gap(Share.weighted(402, 550, 1100), Share.weighted(396, 1100, 2200));
        assertThat(design.difference()).isEqualTo(plain.difference());
        assertThat(design.newcombe().high() - design.newcombe().low())
                .isGreaterThan(plain.newcombe().high() - plain.newcombe().low());
        // Pooled share over effective bases 275 and 550: (0.7309*275 + 0.36*550)/825.
        double p1 = 402.0 / 550;
        double p2 = 0.36;
        double pooled = (p1 * 275 + p2 * 550) / 825;
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / 275 + 1.0 / 550));
        assertThat(design.zTest().z()).isCloseTo(z, within(1e-12));
    }

    @Test
    void noTestWithoutVarianceOrWithAnEmptyBase() {
        ZTest bothZero = new Gap(Share.of(0, 40), Share.of(0, 50)).zTest();
        assertThat(bothZero.z()).isNaN();
        assertThat(bothZero.p()).isNaN();
        Gap empty = new Gap(Share.of(3, 10), Share.of(0, 0));
        assertThat(empty.difference()).isNaN();
        assertThat(empty.newcombe().isNone()).isTrue();
        assertThat(empty.zTest().z()).isNaN();
    }

    @Test
    void extremeSharesStillGiveAnInterval() {
        // 10/10 vs 0/10: Newcombe stays inside -1..1 and holds the difference 1.
        Interval interval = new Gap(Share.of(10, 10), Share.of(0, 10)).newcombe();
        assertThat(interval.high()).isCloseTo(1.0, within(1e-12));
        assertThat(interval.low()).isBetween(0.0, 1.0);
    }
}
