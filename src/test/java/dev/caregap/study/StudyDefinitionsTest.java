package dev.caregap.study;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyDefinitionsTest {

    private static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));

    @Test
    void readsTheCareGapQuestionnaire() {
        assertThat(CARE_GAP.id()).isEqualTo("care-gap");
        assertThat(CARE_GAP.segments()).extracting(Segment::id).containsExactly("consumer", "business");
        assertThat(CARE_GAP.questionsOf("consumer")).hasSize(15);
        assertThat(CARE_GAP.questionsOf("business")).hasSize(9);

        Question healthcare = CARE_GAP.question("C_IND_HEALTHCARE").orElseThrow();
        assertThat(healthcare.text()).isEqualTo("How well do companies in each industry care for their customers? - Healthcare providers");
        assertThat(healthcare.option(6).orElseThrow().notApplicable()).isTrue();
        assertThat(healthcare.topTwo()).containsExactly(4, 5);

        assertThat(CARE_GAP.question("C_CARE").orElseThrow().topTwo()).containsExactly(4, 5);
        assertThat(CARE_GAP.question("C_COUNTRY").orElseThrow().option(1).orElseThrow().aliases()).contains("USA", "U.S.A.");
        assertThat(CARE_GAP.question("B_NO_MOBILE_REASONS").orElseThrow().shownWhen())
                .isEqualTo(new Condition("B_USES_MOBILE", "No"));
        assertThat(CARE_GAP.question("C_OPEN_MOBILE").orElseThrow().options()).extracting(Option::text)
                .containsExactly("Yes", "No", "Not sure");
    }

    @Test
    void readsFiguresAndBreakdowns() {
        FigureSpec gap = CARE_GAP.figure("care_gap").orElseThrow();
        assertThat(gap.measure()).isEqualTo(Measure.GAP);
        assertThat(gap.minuend()).isEqualTo("brands_believe_care");
        assertThat(CARE_GAP.figure("industry_care_rating").orElseThrow().questions()).hasSize(5);
        assertThat(CARE_GAP.breakdowns()).extracting(Breakdown::id)
                .containsExactly("country", "age_band", "industry", "company_size");
    }

    @Test
    void namesEveryFaultOfAWrongDefinition() {
        String yaml = """
                id: broken
                segments: [{id: consumer, questionPrefix: C_}]
                questions:
                  - {id: C_CARE, text: "Care?", type: scale, options: [Bad, Good]}
                  - {id: X_ORPHAN, text: "Who?", type: single, options: [A]}
                figures:
                  - {id: f1, measure: option, question: C_CARE, option: Great}
                  - {id: g, measure: gap, minuend: f1, subtrahend: nothing}
                """;
        assertThatThrownBy(() -> StudyDefinitions.read(stream(yaml), "broken.yaml"))
                .isInstanceOf(StudyDefinitionException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("C_CARE is a scale and needs at least three valid points")
                .hasMessageContaining("X_ORPHAN belongs to no segment")
                .hasMessageContaining("option 'Great', which is not an option of C_CARE")
                .hasMessageContaining("subtrahend that names a figure");
    }

    @Test
    void rejectsAnUnknownOptionSetAndType() {
        assertThatThrownBy(() -> StudyDefinitions.read(stream("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions: [{id: C_A, text: "A?", type: single, options: colours}]
                figures: [{id: f, measure: option, question: C_A, option: Red}]
                """), "s.yaml")).hasMessageContaining("option set 'colours'");
        assertThatThrownBy(() -> StudyDefinitions.read(stream("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}]
                questions: [{id: C_A, text: "A?", type: ranking, options: [A]}]
                figures: [{id: f, measure: option, question: C_A, option: A}]
                """), "s.yaml")).hasMessageContaining("question C_A type is 'ranking'");
    }

    private static ByteArrayInputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
