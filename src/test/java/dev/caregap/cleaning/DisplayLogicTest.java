package dev.caregap.cleaning;

import dev.caregap.read.RawCell;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

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

    @Test
    void aConditionNamingItsOptionByAliasOrInAnotherCaseIsThatOption() {
        Cleaner cleaner = new Cleaner(StudyDefinitions.read(new ByteArrayInputStream("""
                id: s
                segments: [{id: business, questionPrefix: B_}]
                questions:
                  - {id: B_MOBILE, text: "Mobile?", type: single, options: ["Yes", {text: "No", aliases: [Nope]}]}
                  - {id: B_WHY, text: "Why not?", type: single, options: [Cost, Privacy],
                     shownWhen: {question: B_MOBILE, answer: "nope"}}
                  - {id: B_HOW, text: "How?", type: single, options: [App, Web],
                     shownWhen: {question: B_MOBILE, answer: "YES"}}
                figures: [{id: f, measure: option, question: B_MOBILE, option: "No"}]
                """.getBytes(StandardCharsets.UTF_8)), "s.yaml"));

        Cleaned cleaned = cleaner.clean(Responses.response("business", cell("B_MOBILE", "No"),
                cell("B_WHY", "Cost"), cell("B_HOW", "App")));

        assertThat(choicesOf(cleaned.respondent(), "B_WHY")).containsExactly(1);
        assertThat(choicesOf(cleaned.respondent(), "B_HOW")).isEmpty();
        assertThat(cleaned.issues()).extracting(Issue::reason).containsExactly("shown only when B_MOBILE = Yes; ignored");
    }
}
