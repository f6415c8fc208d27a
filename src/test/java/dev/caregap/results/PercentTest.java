package dev.caregap.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentTest {

    @Test
    void showsASharePerCentToOneDecimal() {
        assertThat(Percent.of(0.360)).isEqualTo("36.0");
        assertThat(Percent.of(396.0 / 1100)).isEqualTo("36.0");
        assertThat(Percent.of(0.7309090909)).isEqualTo("73.1");
        assertThat(Percent.of(402.0 / 550)).isEqualTo("73.1");
        assertThat(Percent.of(1.0)).isEqualTo("100.0");
        assertThat(Percent.of(0.0)).isEqualTo("0.0");
    }

    @Test
    void roundsHalfUpNotHalfEven() {
        assertThat(Percent.of(0.0005)).isEqualTo("0.1");
        assertThat(Percent.of(0.00049)).isEqualTo("0.0");
        assertThat(Percent.of(0.0125)).isEqualTo("1.3");
        assertThat(Percent.of(0.0625)).isEqualTo("6.3");
        // 0.0015 is stored as 0.00149999...; read as the decimal it stands for, it rounds up as by hand
        assertThat(Percent.of(0.0015)).isEqualTo("0.2");
    }

    @Test
    void showsAGapInPointsRoundingAwayFromZero() {
        assertThat(Percent.of(402.0 / 550 - 396.0 / 1100)).isEqualTo("37.1");
        assertThat(Percent.of(396.0 / 1100 - 402.0 / 550)).isEqualTo("-37.1");
        assertThat(Percent.of(-0.3715)).isEqualTo("-37.2");
        assertThat(Percent.of(-0.0001)).isEqualTo("0.0");
    }

    @Test
    void givesASpreadsheetTheShareAndThePointsWithoutTheSubtractionsBinaryNoise() {
        // 33/80 - 3/10 arrives as 0.11249999999999999: a spreadsheet would show 11.2, half up wants 11.3
        assertThat(33.0 / 80 - 3.0 / 10).isNotEqualTo(0.1125);
        assertThat(Percent.share(33.0 / 80 - 3.0 / 10)).isEqualTo(0.1125);
        assertThat(Percent.points(33.0 / 80 - 3.0 / 10)).isEqualTo(11.25);
        assertThat(Percent.points(-0.3715)).isEqualTo(-37.15);
        assertThat(Percent.share(Double.NaN)).isNaN();
        assertThat(Percent.points(Double.POSITIVE_INFINITY)).isNaN();
    }

    @Test
    void hasNoPercentageForAMissingShare() {
        assertThat(Percent.of(Double.NaN)).isEmpty();
        assertThat(Percent.of(Double.POSITIVE_INFINITY)).isEmpty();
    }

    @Test
    void aGapThatEndsExactlyOnAHalfRoundsUpDespiteTheSubtractionsBinaryNoise() {
        // 33/80 - 3/10 is exactly 11.25 points; as doubles it is 0.11249999999999999
        assertThat(Percent.of(33.0 / 80 - 3.0 / 10)).isEqualTo("11.3");
        assertThat(Percent.of(80.0 / 80 - 49.0 / 80)).isEqualTo("38.8");
        assertThat(Percent.of(0.1124999)).isEqualTo("11.2");
    }
}
