package dev.caregap.store;

import dev.caregap.respondent.Answer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerCodesTest {

    @Test
    void writesTheDocumentedForm() {
        assertThat(AnswerCodes.encode(List.of(Answer.choice("C_COUNTRY", 1), new Answer("C_AGE", 2, "34"),
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
        assertThat(AnswerCodes.decode(AnswerCodes.encode(answers))).containsExactlyElementsOf(answers);
    }

    @Test
    void noAnswersIsAnEmptyColumn() {
        assertThat(AnswerCodes.encode(List.of())).isEmpty();
        assertThat(AnswerCodes.decode("")).isEmpty();
    }

    @Test
    void veryLongTextIsCut() {
        String essay = "x".repeat(AnswerCodes.MAX_TEXT + 50);
        assertThat(AnswerCodes.decode(AnswerCodes.encode(List.of(Answer.text("C_COMMENT", essay)))).get(0).text())
                .hasSize(AnswerCodes.MAX_TEXT);
    }
}
