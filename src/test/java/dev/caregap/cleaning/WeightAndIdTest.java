package dev.caregap.cleaning;

import dev.caregap.read.RawResponse;
import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.caregap.cleaning.Responses.clean;
import static org.assertj.core.api.Assertions.assertThat;

class WeightAndIdTest {

    private static RawResponse weighted(String weight) {
        return new RawResponse(6, "consumer", "R_1", null, null, null, weight, List.of());
    }

    @Test
    void noWeightColumnWeighsOne() {
        Cleaned cleaned = clean(weighted(null));

        assertThat(cleaned.respondent().weight()).isEqualTo(1.0);
        assertThat(cleaned.issues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.5|1.5", "1,5|1.5", " 0.25 |0.25", "2|2.0", ".5|0.5", "3.|3.0"})
    void aPositiveDecimalIsTheWeight(String cell, double weight) {
        Cleaned cleaned = clean(weighted(cell));

        assertThat(cleaned.respondent().weight()).isEqualTo(weight);
        assertThat(cleaned.issues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "heavy|weight not readable: counted as 1",
            "-1|weight not readable: counted as 1",
            "NaN|weight not readable: counted as 1",
            "1e3|weight not readable: counted as 1",
            "1,000.5|weight not readable: counted as 1",
            "0|weight not positive: counted as 1",
            "0.0|weight not positive: counted as 1",
            "''|no weight: counted as 1"})
    void anUnusableWeightWeighsOneWithAnIssue(String cell, String reason) {
        Cleaned cleaned = clean(weighted(cell));

        assertThat(cleaned.respondent().weight()).isEqualTo(1.0);
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(new Issue(6, "weight", null, cell, reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"R_1", " R_1 ", "R_1\t"})
    void theRespondentIdIsTrimmed(String id) {
        RawResponse raw = new RawResponse(2, "consumer", id, null, null, null, null, List.of());

        assertThat(clean(raw).respondent().respondentId()).isEqualTo("R_1");
    }

    @Test
    void anEmptyOrAbsentRespondentIdIsNull() {
        assertThat(clean(new RawResponse(2, "consumer", "  ", null, null, null, null, List.of())).respondent().respondentId())
                .isNull();
        assertThat(clean(new RawResponse(2, "consumer", null, null, null, null, null, List.of())).respondent().respondentId())
                .isNull();
    }

    @Test
    void theRowIsCarried() {
        assertThat(clean(new RawResponse(42, "consumer", "R_1", null, null, null, null, List.of())).respondent().row())
                .isEqualTo(42);
    }
}
