package dev.caregap.study;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

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

    private static Study read(String yaml) {
        return StudyDefinitions.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml");
    }
}
