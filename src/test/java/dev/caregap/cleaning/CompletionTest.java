package dev.caregap.cleaning;

import dev.caregap.read.RawResponse;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.clean;
import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {

    private static RawResponse withCompletion(String finished, String progress) {
        return new RawResponse(4, "consumer", "R_1", null, finished, progress, null, List.of(cell("C_CARE", "Agree")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"False", "FALSE", "false", "0", " 0 "})
    void notFinishedIsIncomplete(String finished) {
        Cleaned cleaned = clean(withCompletion(finished, null));

        assertThat(cleaned.respondent().exclusion()).isEqualTo(Exclusion.INCOMPLETE);
        assertThat(cleaned.respondent().answers()).isNotEmpty();
        assertThat(cleaned.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "0", "50.5", "99,9"})
    void progressBelowOneHundredIsIncomplete(String progress) {
        assertThat(clean(withCompletion("True", progress)).respondent().exclusion()).isEqualTo(Exclusion.INCOMPLETE);
    }

    @ParameterizedTest
    @CsvSource({"True,100", "TRUE,100", "1,100", "true,", ",100", ",", "1,100%"})
    void finishedAndFullProgressIsComplete(String finished, String progress) {
        Cleaned cleaned = clean(withCompletion(finished, progress));

        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void unreadableValuesCountAsFinishedWithAnIssue() {
        Cleaned cleaned = clean(withCompletion("maybe", "lots"));

        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(
                new Issue(4, "Finished", null, "maybe", "Finished not readable: counted as finished"),
                new Issue(4, "Progress", null, "lots", "Progress not readable: counted as finished"));
    }
}
