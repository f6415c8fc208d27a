package dev.caregap.cleaning;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.choicesOf;
import static dev.caregap.cleaning.Responses.clean;
import static dev.caregap.cleaning.Responses.consumer;
import static dev.caregap.cleaning.Responses.business;
import static org.assertj.core.api.Assertions.assertThat;

class OptionMatchingTest {

    @ParameterizedTest
    @ValueSource(strings = {"Agree", "agree", "AGREE", "  Agree ", "Ａｇｒｅｅ", "\tAgree\n"})
    void matchesOptionTextIgnoringCaseSpacesAndWidth(String answer) {
        Cleaned cleaned = clean(consumer(cell("C_CARE", answer)));

        assertThat(cleaned.respondent().answers()).containsExactly(Answer.choice("C_CARE", 4));
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void collapsesInnerWhiteSpace() {
        Cleaned cleaned = clean(consumer(cell("C_CARE", "Neither   agree\u00A0nor  disagree")));

        assertThat(choicesOf(cleaned.respondent(), "C_CARE")).containsExactly(3);
    }

    @ParameterizedTest
    @CsvSource({"4,4", "' 4 ',4", "1,1", "5,5", "4.0,4"})
    void acceptsTheOptionNumber(String answer, int code) {
        Cleaned cleaned = clean(consumer(cell("C_CARE", answer)));

        assertThat(choicesOf(cleaned.respondent(), "C_CARE")).containsExactly(code);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void numberSixIsNoExperienceInTheIndustryMatrix() {
        Cleaned byNumber = clean(consumer(cell("C_IND_RETAIL", "6")));
        Cleaned byText = clean(consumer(cell("C_IND_RETAIL", "no experience")));

        assertThat(choicesOf(byNumber.respondent(), "C_IND_RETAIL")).containsExactly(6);
        assertThat(choicesOf(byText.respondent(), "C_IND_RETAIL")).containsExactly(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "4.5", "-1", "Mostly agree"})
    void anAnswerThatMatchesNoOptionIsSetMissingWithAnIssue(String answer) {
        Cleaned cleaned = clean(consumer(cell("C_CARE", answer), cell("C_GENDER", "Female")));

        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(choicesOf(cleaned.respondent(), "C_CARE")).isEmpty();
        assertThat(choicesOf(cleaned.respondent(), "C_GENDER")).containsExactly(1);
        assertThat(cleaned.issues()).containsExactly(
                new Issue(Responses.ROW, "C_CARE", "C_CARE", answer, "answer matches no option of C_CARE"));
    }

    @Test
    void anEmptyCellIsNoAnswerAndNoIssue() {
        Cleaned cleaned = clean(consumer(cell("C_CARE", ""), cell("C_GENDER", "   ")));

        assertThat(cleaned.respondent().answers()).isEmpty();
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void multiSelectQuestionsDoNotTakeOptionNumbers() {
        Cleaned cleaned = clean(consumer(cell("C_PREF_CHANNELS", "1")));

        assertThat(cleaned.respondent().answers()).isEmpty();
        assertThat(cleaned.issues()).extracting(Issue::reason).containsExactly("answer matches no option of C_PREF_CHANNELS");
    }

    @ParameterizedTest
    @CsvSource({
            "United States,1", "United States of America,1", "USA,1", "US,1", "U.S.,1", "U.S.A.,1", "America,1",
            "usa,1", "united states,1",
            "United Kingdom,2", "UK,2", "U.K.,2", "GB,2", "Great Britain,2", "Britain,2", "England,2",
            "Scotland,2", "Wales,2", "Northern Ireland,2", "uk,2",
            "Australia,3", "AU,3", "AUS,3", "Aus,3"})
    void countryAliases(String answer, int code) {
        Cleaned cleaned = clean(consumer(cell("C_COUNTRY", answer)));

        assertThat(choicesOf(cleaned.respondent(), "C_COUNTRY")).containsExactly(code);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void anUnknownCountryIsMissingWithAnIssue() {
        Cleaned cleaned = clean(business(cell("B_COUNTRY", "Canada")));

        assertThat(cleaned.respondent().answers()).isEmpty();
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(
                new Issue(Responses.ROW, "B_COUNTRY", "B_COUNTRY", "Canada", "answer matches no option of B_COUNTRY"));
    }

    @Test
    void optionTextsHoldingCommasMatchWholeInSingleQuestions() {
        Cleaned cleaned = clean(business(cell("B_INDUSTRY", "Telecom, cable and utilities"), cell("B_SIZE", "1,000 or more")));

        assertThat(choicesOf(cleaned.respondent(), "B_INDUSTRY")).containsExactly(5);
        assertThat(choicesOf(cleaned.respondent(), "B_SIZE")).containsExactly(4);
    }

    @Test
    void openTextIsKeptAsTyped() {
        String typed = "  They never call back, 3 times!  ";
        Cleaned cleaned = clean(consumer(cell("C_COMMENT", typed)));

        assertThat(cleaned.respondent().answers()).containsExactly(Answer.text("C_COMMENT", typed));
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void longValuesAreShortenedInIssues() {
        String answer = "x".repeat(300);
        Cleaned cleaned = clean(consumer(cell("C_CARE", answer)));

        assertThat(cleaned.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.value()).hasSize(100).startsWith("xxxx");
        });
    }

    @Test
    void answersAreWrittenInQuestionnaireOrder() {
        Cleaned cleaned = clean(consumer(cell("C_CARE", "Agree"), cell("C_COUNTRY", "UK")));

        assertThat(cleaned.respondent().answers()).extracting(Answer::question).containsExactly("C_COUNTRY", "C_CARE");
    }
}
