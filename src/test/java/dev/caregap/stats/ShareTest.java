package dev.caregap.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ShareTest {

    @Test
    void wilsonMatchesNewcombesWorkedExample() {
        // Newcombe (1998), Statistics in Medicine 17:857-872, Table I: 81/263, Wilson 0.2553 to 0.3662.
        Interval interval = Share.of(81, 263).wilson();
        assertThat(interval.low()).isCloseTo(0.2553, within(0.00005));
        assertThat(interval.high()).isCloseTo(0.3662, within(0.00005));
    }

    @Test
    void wilsonMatchesTheReferenceTableOfTheCareGapSample() {
        // statsmodels proportion_confint(method="wilson"), in percent.
        Interval brands = Share.of(402, 550).wilson();
        assertThat(100 * brands.low()).isCloseTo(69.23, within(0.005));
        assertThat(100 * brands.high()).isCloseTo(76.63, within(0.005));
        Interval consumers = Share.of(396, 1100).wilson();
        assertThat(100 * consumers.low()).isCloseTo(33.22, within(0.005));
        assertThat(100 * consumers.high()).isCloseTo(38.88, within(0.005));
    }

    @Test
    void noneAndAllHaveExactOuterEnds() {
        // 0/10: upper end z^2/(n+z^2) = 3.841459/13.841459.
        Interval none = Share.of(0, 10).wilson();
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.2775328, within(1e-6));
        Interval all = Share.of(10, 10).wilson();
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(1 - 0.2775328, within(1e-6));
    }

    @Test
    void anEmptyBaseHasNoShareAndNoInterval() {
        Share empty = Share.of(0, 0);
        assertThat(empty.value()).isNaN();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.wilson().low()).isNaN();
        assertThat(empty.wilson().high()).isNaN();
        assertThat(empty.wilson().isNone()).isTrue();
        assertThat(Share.weighted(0, 0, 0).isEmpty()).isTrue();
    }

    @Test
    void aCountOutsideItsBaseIsRefused() {
        assertThatThrownBy(() -> Share.of(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightedShareUsesTheKishEffectiveBase() {
        // Weights 1, 2, 3; the first two say yes: share 3/6, effective base 6^2 / 14.
        Share share = Share.weighted(3, 6, 14);
        assertThat(share.value()).isEqualTo(0.5);
        assertThat(share.effectiveBase()).isCloseTo(36.0 / 14, within(1e-12));
        // Wilson on n = 36/14 by hand: centre (0.5 + z^2/2n)/(1 + z^2/n) = 0.5; half-width below.
        double n = 36.0 / 14;
        double z2 = Share.Z95 * Share.Z95;
        double half = Share.Z95 / (1 + z2 / n) * Math.sqrt(0.25 / n + z2 / (4 * n * n));
        assertThat(share.wilson().low()).isCloseTo(0.5 - half, within(1e-12));
        assertThat(share.wilson().high()).isCloseTo(0.5 + half, within(1e-12));
    }

    @Test
    void weightsOfOneGiveExactlyTheUnweightedShare() {
        Share weighted = Share.weighted(81, 263, 263);
        Share plain = Share.of(81, 263);
        assertThat(weighted).isEqualTo(plain);
        assertThat(weighted.wilson()).isEqualTo(plain.wilson());
    }
}
