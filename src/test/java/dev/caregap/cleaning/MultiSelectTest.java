package dev.caregap.cleaning;

import dev.caregap.read.RawCell;
import dev.caregap.read.RawResponse;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Segment;
import dev.caregap.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.caregap.cleaning.Responses.business;
import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.choicesOf;
import static dev.caregap.cleaning.Responses.clean;
import static dev.caregap.cleaning.Responses.consumer;
import static dev.caregap.cleaning.Responses.optionCell;
import static org.assertj.core.api.Assertions.assertThat;

class MultiSelectTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Email, Text message (SMS), Mobile app",
            "Email,Text message (SMS),Mobile app",
            "Email;Text message (SMS);Mobile app",
            "Email; Text message (SMS) ; Mobile app",
            "mobile app, EMAIL,text message (sms)",
            "Email,, Text message (SMS), Mobile app,"})
    void splitsAJoinedCellIntoOptions(String joined) {
        Cleaned cleaned = clean(consumer(cell("C_PREF_CHANNELS", joined)));

        assertThat(choicesOf(cleaned.respondent(), "C_PREF_CHANNELS")).containsExactly(1, 2, 6);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void aPartThatMatchesNoOptionIsAnIssueAndTheOthersStay() {
        Cleaned cleaned = clean(consumer(cell("C_PREF_CHANNELS", "Email, Carrier pigeon; Phone call")));

        assertThat(choicesOf(cleaned.respondent(), "C_PREF_CHANNELS")).containsExactly(1, 3);
        assertThat(cleaned.issues()).containsExactly(new Issue(Responses.ROW, "C_PREF_CHANNELS", "C_PREF_CHANNELS",
                "Carrier pigeon", "answer matches no option of C_PREF_CHANNELS"));
    }

    /** A study whose multi-select has options that hold commas, one being the start of another. */
    private static final Study COMMAS = new Study("commas", "Commas", List.of(new Segment("consumer", "Consumers", "C_")),
            List.of(new Question("C_IND", "consumer", "Which industries?", QuestionType.MULTI, List.of(
                    option(1, "Telecom"),
                    option(2, "Telecom, cable and utilities"),
                    option(3, "Finance (banks, credit cards)"),
                    option(4, "Retail")), null, null, null, null, null, null)),
            List.of(), List.of());

    private static Option option(int code, String text) {
        return new Option(code, text, List.of(), false, false, false, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Telecom, cable and utilities, Finance (banks, credit cards), Retail",
            "Telecom,cable and utilities;Finance (banks,credit cards);Retail",
            "Retail; Finance (banks, credit cards); Telecom, cable and utilities"})
    void optionsHoldingCommasStayWhole(String joined) {
        Cleaned cleaned = new Cleaner(COMMAS).clean(consumer(cell("C_IND", joined)));

        assertThat(choicesOf(cleaned.respondent(), "C_IND")).containsExactly(2, 3, 4);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void theShorterOptionIsTakenWhenTheLongerDoesNotFollow() {
        Cleaned cleaned = new Cleaner(COMMAS).clean(consumer(cell("C_IND", "Telecom, Retail, cable")));

        assertThat(choicesOf(cleaned.respondent(), "C_IND")).containsExactly(1, 4);
        assertThat(cleaned.issues()).extracting(Issue::value).containsExactly("cable");
    }

    @Test
    void perOptionColumnsMarkChosenOptions() {
        RawResponse raw = consumer(
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_1", "Email", "1"),
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_2", "Text message (SMS)", ""),
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_3", "Phone call", "0"),
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_4", "Voicemail", "false"),
                optionCell("C_PREF_CHANNELS", "Social media", "Social media", "Social media"),
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_6", "Mobile app", "1.0"));

        Cleaned cleaned = clean(raw);

        assertThat(choicesOf(cleaned.respondent(), "C_PREF_CHANNELS")).containsExactly(1, 5, 6);
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void otherWithTypedTextGoesToTheOtherTextQuestion() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "No"),
                optionCell("B_NO_MOBILE_REASONS", "Expense", "Expense", "Expense"),
                optionCell("B_NO_MOBILE_REASONS", "Other (please specify)", "Other (please specify)", "Our customers are old")));

        assertThat(choicesOf(cleaned.respondent(), "B_NO_MOBILE_REASONS")).containsExactly(4, 6);
        assertThat(cleaned.respondent().answers())
                .contains(Answer.text("B_NO_MOBILE_REASONS_OTHER", "Our customers are old"));
        assertThat(cleaned.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "Other (please specify)", "other (please specify) "})
    void otherMarkedWithoutTypedTextHasNoText(String mark) {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "No"),
                optionCell("B_NO_MOBILE_REASONS", "B_NO_MOBILE_REASONS_6", "Other (please specify)", mark)));

        assertThat(choicesOf(cleaned.respondent(), "B_NO_MOBILE_REASONS")).containsExactly(6);
        assertThat(choicesOf(cleaned.respondent(), "B_NO_MOBILE_REASONS_OTHER")).isEmpty();
    }

    @Test
    void theOtherTextColumnIsKeptBesideAMarkedOther() {
        Cleaned cleaned = clean(business(cell("B_USES_MOBILE", "No"),
                optionCell("B_NO_MOBILE_REASONS", "B_NO_MOBILE_REASONS_6", "Other (please specify)", "1"),
                new RawCell("B_NO_MOBILE_REASONS_OTHER", "B_NO_MOBILE_REASONS_6_TEXT", null, "No budget this year")));

        assertThat(cleaned.respondent().answers()).containsExactly(Answer.choice("B_USES_MOBILE", 2),
                Answer.choice("B_NO_MOBILE_REASONS", 6), Answer.text("B_NO_MOBILE_REASONS_OTHER", "No budget this year"));
    }

    @Test
    void noneOfTheseWithOtherChannelsIsDropped() {
        Cleaned cleaned = clean(consumer(cell("C_PREF_CHANNELS", "Email, None of these")));

        assertThat(choicesOf(cleaned.respondent(), "C_PREF_CHANNELS")).containsExactly(1);
        assertThat(cleaned.issues()).containsExactly(new Issue(Responses.ROW, "C_PREF_CHANNELS", "C_PREF_CHANNELS",
                "Email, None of these", "None of these chosen with other options: dropped"));
    }

    @Test
    void noneOfTheseInItsOwnColumnWithOthersIsDroppedNamingThatColumn() {
        Cleaned cleaned = clean(consumer(
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_3", "Phone call", "1"),
                optionCell("C_PREF_CHANNELS", "C_PREF_CHANNELS_7", "None of these", "1")));

        assertThat(choicesOf(cleaned.respondent(), "C_PREF_CHANNELS")).containsExactly(3);
        assertThat(cleaned.issues()).extracting(Issue::column).containsExactly("C_PREF_CHANNELS_7");
    }

    @Test
    void noneOfTheseAloneStays() {
        Cleaned cleaned = clean(consumer(cell("C_PREF_CHANNELS", "None of these")));

        assertThat(choicesOf(cleaned.respondent(), "C_PREF_CHANNELS")).containsExactly(7);
        assertThat(cleaned.issues()).isEmpty();
    }
}
