package dev.caregap.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class NormalTest {

    // Reference values: erfc to 17 digits from arbitrary-precision arithmetic (mpmath, 30 digits).

    @Test
    void erfcMatchesHighPrecisionValuesOnBothSidesOfTheMethodSwitch() {
        assertThat(Normal.erfc(0)).isEqualTo(1.0);
        assertThat(Normal.erfc(0.5)).isCloseTo(0.47950012218695346, withPercentage(1e-12));
        assertThat(Normal.erfc(1)).isCloseTo(0.15729920705028513, withPercentage(1e-12));
        assertThat(Normal.erfc(1.4999)).isCloseTo(0.033906748337704731, withPercentage(1e-12));
        assertThat(Normal.erfc(1.5)).isCloseTo(0.033894853524689273, withPercentage(1e-12));
        assertThat(Normal.erfc(2)).isCloseTo(0.0046777349810472658, withPercentage(1e-12));
        assertThat(Normal.erfc(-0.7)).isCloseTo(1.6778011938374185, withPercentage(1e-12));
    }

    @Test
    void erfcKeepsItsDigitsFarInTheTail() {
        assertThat(Normal.erfc(5)).isCloseTo(1.5374597944280349e-12, withPercentage(1e-12));
        assertThat(Normal.erfc(10)).isCloseTo(2.0884875837625448e-45, withPercentage(1e-12));
        assertThat(Normal.erfc(20)).isCloseTo(5.3958656116079009e-176, withPercentage(1e-12));
        assertThat(Normal.erfc(30)).isZero();
    }

    @Test
    void cdfAndTails() {
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
        assertThat(Normal.cdf(1.959964)).isCloseTo(0.975, within(1e-7));
        assertThat(Normal.cdf(-1.959964)).isCloseTo(0.025, within(1e-7));
        assertThat(Normal.upperTail(1.959964)).isCloseTo(0.025, within(1e-7));
        assertThat(Normal.twoSidedP(1.959964)).isCloseTo(0.05, within(1e-7));
        assertThat(Normal.twoSidedP(-1.959964)).isCloseTo(0.05, within(1e-7));
        assertThat(Normal.twoSidedP(0)).isEqualTo(1.0);
        assertThat(Normal.twoSidedP(Double.NaN)).isNaN();
    }
}
