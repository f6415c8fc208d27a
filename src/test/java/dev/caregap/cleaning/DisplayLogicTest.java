package dev.caregap.cleaning;

import dev.caregap.read.RawCell;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;

import static dev.caregap.cleaning.Responses.business;
import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.choicesOf;
import static dev.caregap.cleaning.Responses.clean;
import static org.assertj.core.api.Assertions.assertThat;

class DisplayLogicTest {

    private static final String HIDDEN = "shown only when B_USES_MOBILE = No; ignored";

    @Test
    void reasonsFromABusinessThatUsesMobileAreIgnoredWithOneIssue() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "Yes"),
                cell("B_NO_MOBILE_REASONS", "Expense, Privacy concerns"),
                new RawCell("B_NO_MOBILE_REASONS_OTHER", "B_NO_MOBILE_REASONS_6_TEXT", null, "typed anyway")));

        assertThat(cleaned.respondent().answers()).containsExactly(Answer.choice("B_USES_MOBILE", 1));
        assertThat(cleaned.issues()).containsExactly(new Issue(Responses.ROW, "B_NO_MOBILE_REASONS",
                "B_NO_MOBILE_REASONS", "Expense, Privacy concerns", HIDDEN));
    }

    @Test
    void onlyTheOtherTextOfAHiddenQuestionIsIgnoredToo() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "1"),
                new RawCell("B_NO_MOBILE_REASONS_OTHER", "B_NO_MOBILE_REASONS_6_TEXT", null, "typed anyway")));

        assertThat(cleaned.respondent().answers()).containsExactly(Answer.choice("B_USES_MOBILE", 1));
        assertThat(cleaned.issues()).containsExactly(new Issue(Responses.ROW, "B_NO_MOBILE_REASONS_6_TEXT",
                "B_NO_MOBILE_REASONS", "typed anyway", HIDDEN));
    }

    @Test
    void reasonsFromABusinessThatDoesNotUseMobileStay() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "no"), cell("B_NO_MOBILE_REASONS", "Expense")));

        assertThat(choicesOf(cleaned.respondent(), "B_NO_MOBILE_REASONS")).containsExactly(4);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void reasonsAreKeptWhenUsesMobileIsUnanswered() {
        Cleaned cleaned = clean(business(cell("B_NO_MOBILE_REASONS", "Expense")));

        assertThat(choicesOf(cleaned.respondent(), "B_NO_MOBILE_REASONS")).containsExactly(4);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void reasonsAreKeptWhenUsesMobileWasSetMissing() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "Sometimes"), cell("B_NO_MOBILE_REASONS", "Expense")));

        assertThat(choicesOf(cleaned.respondent(), "B_NO_MOBILE_REASONS")).containsExactly(4);
        assertThat(cleaned.issues()).extracting(Issue::reason).containsExactly("answer matches no option of B_USES_MOBILE");
    }

    @Test
    void noIssueWhenAHiddenQuestionWasLeftEmpty() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "Yes"), cell("B_NO_MOBILE_REASONS", "")));

        assertThat(cleaned.issues()).isEmpty();
    }
}
