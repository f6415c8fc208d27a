package dev.caregap.study;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

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
        Condition shownWhen = CARE_GAP.question("B_NO_MOBILE_REASONS").orElseThrow().shownWhen();
        assertThat(shownWhen.question()).isEqualTo("B_USES_MOBILE");
        assertThat(shownWhen.answer()).isEqualTo("No");
        assertThat(shownWhen.option().code()).isEqualTo(2);
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
    void optionsNamedByFiguresAndDisplayLogicAreMatchedLikeAnswersAndResolvedOnce() {
        Study study = StudyDefinitions.read(stream("""
                id: s
                segments: [{id: business, questionPrefix: B_}]
                questions:
                  - {id: B_MOBILE, text: "Mobile?", type: single, options: ["Yes", "No"]}
                  - {id: B_COUNTRY, text: "Country?", type: single,
                     options: [{text: United States, aliases: [USA]}, United Kingdom]}
                  - {id: B_WHY, text: "Why not?", type: single, options: [Cost, Privacy],
                     shownWhen: {question: B_MOBILE, answer: " NO "}}
                figures:
                  - {id: mobile, measure: option, question: B_MOBILE, option: "yes"}
                  - {id: us, measure: option, question: B_COUNTRY, option: usa}
                """), "s.yaml");

        assertThat(study.option(study.figure("mobile").orElseThrow(), "B_MOBILE").code()).isEqualTo(1);
        assertThat(study.option(study.figure("us").orElseThrow(), "B_COUNTRY").text()).isEqualTo("United States");
        Condition shownWhen = study.question("B_WHY").orElseThrow().shownWhen();
        assertThat(shownWhen.answer()).isEqualTo(" NO ");
        assertThat(shownWhen.option().text()).isEqualTo("No");
    }

    @Test
    void anOptionNumberIsNoNameOfAnOptionInADefinition() {
        assertThatThrownBy(() -> StudyDefinitions.read(stream("""
                id: s
                segments: [{id: business, questionPrefix: B_}]
                questions:
                  - {id: B_MOBILE, text: "Mobile?", type: single, options: ["Yes", "No"]}
                  - {id: B_WHY, text: "Why not?", type: single, options: [Cost, Privacy],
                     shownWhen: {question: B_MOBILE, answer: "2"}}
                figures: [{id: mobile, measure: option, question: B_MOBILE, option: "1"}]
                """), "s.yaml"))
                .hasMessageContaining("B_WHY is shown when B_MOBILE = '2', which is not an option of it")
                .hasMessageContaining("counts option '1', which is not an option of B_MOBILE");
    }

    @Test
    void aStudyMadeInCodeIsCheckedWhenMade() {
        Segment business = new Segment("business", "Businesses", "B_");
        Segment consumer = new Segment("consumer", "Consumers", "C_");
        List<Question> questions = List.of(single("B_MOBILE", "business"), single("C_MOBILE", "consumer"));
        List<FigureSpec> figures = List.of(
                new FigureSpec("maybe", "Maybe", Measure.OPTION, List.of("B_MOBILE"), "Maybe", null, null, false, false),
                new FigureSpec("both", "Both", Measure.OPTION, List.of("B_MOBILE", "C_MOBILE"), "Yes", null, null,
                        true, false),
                new FigureSpec("gap", "Gap", Measure.GAP, List.of(), null, "missing", "maybe", false, false));

        assertThatThrownBy(() -> new Study("s", "S", List.of(business, consumer), questions, figures, List.of()))
                .isInstanceOf(StudyDefinitionException.class)
                .hasMessageContaining("Figure maybe counts option 'Maybe', which is not an option of B_MOBILE")
                .hasMessageContaining("Figure both counts questions of several segments")
                .hasMessageContaining("Figure gap is a gap and needs a minuend that names a figure");
    }

    private static Question single(String id, String segment) {
        return new Question(id, segment, id + "?", QuestionType.SINGLE, List.of(
                new Option(1, "Yes", List.of(), false, false, false, null, null),
                new Option(2, "No", List.of(), false, false, false, null, null)), null, null, null, null, null, null);
    }

    @Test
    void aTitleOrLabelLeftOutOrBlankIsTheId() {
        Study study = StudyDefinitions.read(stream("""
                id: s
                segments: [{id: consumer, questionPrefix: C_}, {id: business, label: " ", questionPrefix: B_}]
                questions:
                  - {id: C_A, text: "A?", type: single, options: [A, B]}
                  - {id: B_A, text: "B?", type: single, options: [A, B]}
                figures: [{id: chose_a, measure: option, question: C_A, option: A}]
                breakdowns: [{id: answer, questions: [C_A, B_A]}]
                """), "s.yaml");

        assertThat(study.title()).isEqualTo("s");
        assertThat(study.segments()).extracting(Segment::label).containsExactly("consumer", "business");
        assertThat(study.breakdowns()).extracting(Breakdown::label).containsExactly("answer");
        assertThat(study.figures()).extracting(FigureSpec::label).containsExactly("chose_a");
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
