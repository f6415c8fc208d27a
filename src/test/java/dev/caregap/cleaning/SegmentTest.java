package dev.caregap.cleaning;

import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;

import static dev.caregap.cleaning.Responses.business;
import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.choicesOf;
import static dev.caregap.cleaning.Responses.clean;
import static dev.caregap.cleaning.Responses.consumer;
import static dev.caregap.cleaning.Responses.response;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentTest {

    @Test
    void aKnownSegmentIsKept() {
        assertThat(clean(consumer()).respondent().segment()).isEqualTo("consumer");
        assertThat(clean(business()).respondent().segment()).isEqualTo("business");
    }

    @Test
    void anUnknownSegmentIsExcludedWithAnIssueAndKeepsItsAnswers() {
        Cleaned cleaned = clean(response("partner", cell("C_CARE", "Agree"), cell("B_CARE", "Disagree")));

        assertThat(cleaned.respondent().segment()).isNull();
        assertThat(cleaned.respondent().exclusion()).isEqualTo(Exclusion.NO_SEGMENT);
        assertThat(choicesOf(cleaned.respondent(), "C_CARE")).containsExactly(4);
        assertThat(choicesOf(cleaned.respondent(), "B_CARE")).containsExactly(2);
        assertThat(cleaned.issues()).containsExactly(
                new Issue(Responses.ROW, "segment", null, "partner", "segment not recognised"));
    }

    @Test
    void answersToQuestionsOfTheOtherSegmentAreIgnored() {
        Cleaned cleaned = clean(consumer(cell("C_CARE", "Agree"), cell("B_CARE", "Disagree"), cell("B_SIZE", "")));

        assertThat(cleaned.respondent().answers()).extracting(a -> a.question()).containsExactly("C_CARE");
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(
                new Issue(Responses.ROW, "B_CARE", "B_CARE", "Disagree", "question of the business segment"));
    }
}
