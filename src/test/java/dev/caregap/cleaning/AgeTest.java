package dev.caregap.cleaning;

import dev.caregap.read.RawResponse;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.caregap.cleaning.Responses.answersTo;
import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.clean;
import static dev.caregap.cleaning.Responses.consumer;
import static org.assertj.core.api.Assertions.assertThat;

class AgeTest {

    @ParameterizedTest
    @CsvSource({
            "34,2,34", "34 years,2,34", "34years,2,34", "34 Yrs,2,34", "34y,2,34", "34 Y,2,34", "34 year,2,34",
            "18,1,18", "24,1,24", "25,2,25", "64,5,64", "65,6,65", "99,6,99", "４５,4,45"})
    void yearsAreStoredAsTheirBandWithTheYears(String cell, int band, String years) {
        Cleaned cleaned = clean(consumer(cell("C_AGE", cell)));

        assertThat(cleaned.respondent().answers()).containsExactly(new Answer("C_AGE", band, years));
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"18-24,1", "25-34,2", "65+,6", "25 - 34,2", "25–34,2", "25—34,2", "２５－３４,2", "65 +,6"})
    void bandsAreStoredWithoutYears(String cell, int band) {
        Cleaned cleaned = clean(consumer(cell("C_AGE", cell)));

        assertThat(cleaned.respondent().answers()).containsExactly(new Answer("C_AGE", band, null));
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void underTheMinimumAgeIsIneligibleAndKeepsTheYears() {
        Cleaned cleaned = clean(consumer(cell("C_AGE", "17"), cell("C_CARE", "Agree")));

        assertThat(cleaned.respondent().exclusion()).isEqualTo(Exclusion.INELIGIBLE);
        assertThat(cleaned.respondent().answers())
                .containsExactly(new Answer("C_AGE", 0, "17"), Answer.choice("C_CARE", 4));
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void aBandTheStudyListsUnderTheMinimumAgeIsIneligible() {
        Cleaner cleaner = new Cleaner(StudyDefinitions.read(new ByteArrayInputStream("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - {id: C_AGE, text: "Age?", type: age, minimumAge: 16, maximumAge: 99,
                     options: [{text: Under 16, min: 0, max: 15}, {text: 16-34, min: 16, max: 34}, {text: 35+, min: 35, max: 99}]}
                figures: [{id: f, measure: option, question: C_AGE, option: 35+}]
                """.getBytes(StandardCharsets.UTF_8)), "s.yaml"));

        Cleaned under = cleaner.clean(consumer(cell("C_AGE", "Under 16")));
        assertThat(under.respondent().exclusion()).isEqualTo(Exclusion.INELIGIBLE);
        assertThat(under.respondent().answers()).containsExactly(new Answer("C_AGE", 1, null));
        Cleaned fifteen = cleaner.clean(consumer(cell("C_AGE", "15")));
        assertThat(fifteen.respondent().exclusion()).isEqualTo(Exclusion.INELIGIBLE);
        Cleaned sixteen = cleaner.clean(consumer(cell("C_AGE", "16")));
        assertThat(sixteen.respondent().included()).isTrue();
        assertThat(sixteen.respondent().answers()).containsExactly(new Answer("C_AGE", 2, "16"));
    }

    @Test
    void overTheMaximumAgeIsMissingWithAnIssue() {
        Cleaned cleaned = clean(consumer(cell("C_AGE", "120")));

        assertThat(answersTo(cleaned.respondent(), "C_AGE")).isEmpty();
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(
                new Issue(Responses.ROW, "C_AGE", "C_AGE", "120", "age above 99: set missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "thirty", "34.5", "-20", "34 months", "18-99", "about 40"})
    void unreadableAgeIsMissingWithAnIssue(String cell) {
        Cleaned cleaned = clean(consumer(cell("C_AGE", cell)));

        assertThat(answersTo(cleaned.respondent(), "C_AGE")).isEmpty();
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(
                new Issue(Responses.ROW, "C_AGE", "C_AGE", cell, "age not readable: set missing"));
    }

    @Test
    void anIncompleteMinorIsIncomplete() {
        RawResponse raw = new RawResponse(3, "consumer", "R_9", null, "False", "40", null, List.of(cell("C_AGE", "16")));

        assertThat(clean(raw).respondent().exclusion()).isEqualTo(Exclusion.INCOMPLETE);
    }
}
