package dev.caregap.store;

import dev.caregap.respondent.Answer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerCodesTest {

    private static final AnswerCodes CODES = AnswerCodes.of(List.of("C_COUNTRY", "C_AGE", "C_PREF_CHANNELS", "C_COMMENT"));

    @Test
    void writesEachQuestionAsItsPlaceAmongTheCodes() {
        assertThat(CODES.encode(List.of(Answer.choice("C_COUNTRY", 1), new Answer("C_AGE", 2, "34"),
                Answer.choice("C_PREF_CHANNELS", 1), Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", "Fine; thanks"))))
                .isEqualTo("0=1;1=2~34;2=1;2=2;3=0~Fine%3B thanks");
    }

    @Test
    void codedAnswersComeBackThroughTheCodesAsTheExportKeepsThem() {
        List<Answer> answers = List.of(Answer.text("C_COMMENT", "100% sure; =1+2 ~tilde~ %3B\nnew line"),
                Answer.choice("C_PREF_CHANNELS", 3), Answer.choice("C_COUNTRY", 12), Answer.text("C_COMMENT", ";;%%"));
        AnswerCodes kept = AnswerCodes.fromKept(CODES.kept());
        assertThat(kept.decode(CODES.encode(answers))).containsExactlyElementsOf(answers);
        assertThat(CODES.kept()).isEqualTo("C_COUNTRY\nC_AGE\nC_PREF_CHANNELS\nC_COMMENT");
    }

    @Test
    void anAnswerToAQuestionTheCodesDoNotHoldIsRefusedNamingIt() {
        assertThatThrownBy(() -> CODES.encode(List.of(Answer.choice("C_CARE", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C_CARE");
    }

    @Test
    void namedQuestionsKeepNoCodesAndNoCodesReadAsNamed() {
        assertThat(AnswerCodes.NAMED.kept()).isNull();
        assertThat(AnswerCodes.fromKept(null)).isSameAs(AnswerCodes.NAMED);
    }

    @Test
    void aQuestionTwiceAmongTheCodesIsRefused() {
        assertThatThrownBy(() -> AnswerCodes.of(List.of("C_CARE", "C_AGE", "C_CARE")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C_CARE");
    }

    @Test
    void namedQuestionsAreWrittenInTheDocumentedForm() {
        assertThat(AnswerCodes.NAMED.encode(List.of(Answer.choice("C_COUNTRY", 1), new Answer("C_AGE", 2, "34"),
                Answer.choice("C_PREF_CHANNELS", 1), Answer.choice("C_PREF_CHANNELS", 2), Answer.text("C_COMMENT", "Fine; thanks"))))
                .isEqualTo("C_COUNTRY=1;C_AGE=2~34;C_PREF_CHANNELS=1;C_PREF_CHANNELS=2;C_COMMENT=0~Fine%3B thanks");
    }

    @Test
    void textWithEveryAwkwardCharacterComesBackAsTyped() {
        List<Answer> answers = List.of(
                Answer.text("C_COMMENT", "100% sure; \"quoted\", =1+2 ~tilde~ %3B\nnew line"),
                Answer.text("B_NO_MOBILE_REASONS_OTHER", ""),
                Answer.choice("C_CARE", 5),
                Answer.text("C_COMMENT", ";;%%"));
        assertThat(AnswerCodes.NAMED.decode(AnswerCodes.NAMED.encode(answers))).containsExactlyElementsOf(answers);
    }

    @Test
    void noAnswersIsAnEmptyColumn() {
        assertThat(AnswerCodes.NAMED.encode(List.of())).isEmpty();
        assertThat(AnswerCodes.NAMED.decode("")).isEmpty();
    }

    @Test
    void veryLongTextIsCut() {
        String essay = "x".repeat(AnswerCodes.MAX_TEXT + 50);
        assertThat(AnswerCodes.NAMED.decode(AnswerCodes.NAMED.encode(List.of(Answer.text("C_COMMENT", essay)))).get(0).text())
                .hasSize(AnswerCodes.MAX_TEXT);
    }
}
