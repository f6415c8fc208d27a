package dev.caregap.study;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Definitions that would load and then fail or mislead later are refused when the study is read. */
class StudyCheckTest {

    @Test
    void anIdThatCannotNameAFolderOrFitTheDatabaseOrThatBreakdownsReserveIsRefused() {
        String longId = "C_" + "X".repeat(63);
        assertThatThrownBy(() -> read("""
                id: patient experience
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - {id: C_A, text: "A?", type: single, options: [A, "%s"]}
                  - {id: %s, text: "B?", type: single, options: [A, B]}
                figures: [{id: f, measure: option, question: C_A, option: A}]
                breakdowns:
                  - {id: total, questions: [C_A]}
                  - {id: Segment, questions: [C_A]}
                """.formatted("x".repeat(501), longId)))
                .isInstanceOf(StudyDefinitionException.class)
                .hasMessageContaining("Study file s.yaml")
                .hasMessageContaining("The study id 'patient experience' cannot name the study's results folder")
                .hasMessageContaining("Question " + longId + ": its id has 65 characters; an id has at most 64.")
                .hasMessageContaining("Question C_A: option 2 has 501 characters; an option has at most 500")
                .hasMessageContaining("Breakdown total: 'total' names the figures over all respondents")
                .hasMessageContaining("Breakdown Segment: 'segment' is what a stakeholder's filter names");
    }

    @Test
    void aQuestionWithTwoExclusiveOrTwoOtherOptionsIsRefused() {
        assertThatThrownBy(() -> read("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - id: C_CHANNELS
                    text: "Channels?"
                    type: multi
                    options: [Email, {text: Other, other: true}, {text: Something else, other: true},
                              {text: None of these, exclusive: true}, {text: Don't know, exclusive: true}]
                figures: [{id: f, measure: each-option, question: C_CHANNELS}]
                """))
                .hasMessageContaining("Study file s.yaml")
                .hasMessageContaining("Question C_CHANNELS has several options marked 'exclusive: true'; a question has at most one.")
                .hasMessageContaining("Question C_CHANNELS has several options marked 'other: true'; a question has at most one.");
    }

    @Test
    void aGapWhoseSidesAreOfOneSegmentIsRefused() {
        assertThatThrownBy(() -> read("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - {id: C_CARE, text: "Care?", type: scale, options: [Disagree, Neither, Agree]}
                  - {id: C_TRUST, text: "Trust?", type: scale, options: [Disagree, Neither, Agree]}
                figures:
                  - {id: care, measure: top2, question: C_CARE}
                  - {id: trust, measure: top2, question: C_TRUST}
                  - {id: care_trust_gap, measure: gap, minuend: care, subtrahend: trust}
                """))
                .hasMessageContaining("Study file s.yaml")
                .hasMessageContaining("Figure care_trust_gap: its minuend care and subtrahend trust are both of"
                        + " segment consumer; a gap compares two independent groups");
    }

    @Test
    void theSameQuestionTextInTwoSegmentsIsRefusedComparedAsExportHeadersAre() {
        assertThatThrownBy(() -> read("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}, {id: business, questionPrefix: B_}]
                questions:
                  - {id: C_COUNTRY, text: "In which country do you live?", type: single, options: [US, UK]}
                  - {id: B_COUNTRY, text: "  in which  COUNTRY do you live? ", type: single, options: [US, UK]}
                figures: [{id: f, measure: option, question: C_COUNTRY, option: US}]
                """))
                .hasMessageContaining("Study file s.yaml")
                .hasMessageContaining("Question B_COUNTRY (segment business) has the text of question C_COUNTRY"
                        + " (segment consumer); an export headed by question text could not tell them apart");
    }

    @Test
    void ageBandsMayStartUnderTheMinimumAgeButNoBandHoldsAgesOnBothSidesOfIt() {
        String study = """
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - id: C_AGE
                    text: "Age?"
                    type: age
                    minimumAge: 16
                    maximumAge: 99
                    options: [{text: Under 16, min: 0, max: 15}, {text: %s, min: 16, max: 34}, {text: 35+, min: 35, max: 99}]
                figures: [{id: f, measure: option, question: C_AGE, option: 35+}]
                """;
        Question age = read(study.formatted("16-34")).question("C_AGE").orElseThrow();
        assertThat(age.options()).extracting(age::underMinimumAge).containsExactly(true, false, false);

        assertThatThrownBy(() -> read(study.replace("max: 15", "max: 17").replace("min: 16", "min: 18")
                .formatted("18-34")))
                .hasMessageContaining("Study file s.yaml")
                .hasMessageContaining("Question C_AGE: age band 'Under 16' holds ages both under and over minimumAge 16");
    }

    private static Study read(String yaml) {
        return StudyDefinitions.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml");
    }
}
