package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.cells;
import static dev.caregap.read.TestExports.line;
import static dev.caregap.read.TestExports.readAll;
import static dev.caregap.read.TestExports.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

class ExportLayoutsTest {

    static final String MATRIX = "How well do companies in each industry care for their customers?";

    @TempDir
    Path dir;

    static final String QUALTRICS_CONSUMER =
            line("StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                    "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
                    "C_COUNTRY", "C_AGE", "C_CARE", "C_PREF_CHANNELS", "C_IND_HEALTHCARE", "C_COMMENT", "Q_RecaptchaScore")
            + line("Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
                    "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
                    "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel", "User Language",
                    "In which country do you live?", "What is your age?",
                    "Overall, the companies I do business with care about me as a customer.",
                    "Through which channels do you prefer to receive communications from brands? (Select all that apply)",
                    MATRIX + " - Healthcare providers",
                    "Is there anything else you would like to tell companies about how they treat you?", "Q_RecaptchaScore")
            + line("{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}", "{\"ImportId\":\"endDate\",\"timeZone\":\"America/Denver\"}",
                    "{\"ImportId\":\"status\"}", "{\"ImportId\":\"ipAddress\"}", "{\"ImportId\":\"progress\"}",
                    "{\"ImportId\":\"duration\"}", "{\"ImportId\":\"finished\"}", "{\"ImportId\":\"recordedDate\"}",
                    "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"recipientLastName\"}", "{\"ImportId\":\"recipientFirstName\"}",
                    "{\"ImportId\":\"recipientEmail\"}", "{\"ImportId\":\"externalDataReference\"}",
                    "{\"ImportId\":\"locationLatitude\"}", "{\"ImportId\":\"locationLongitude\"}",
                    "{\"ImportId\":\"distributionChannel\"}", "{\"ImportId\":\"userLanguage\"}", "{\"ImportId\":\"QID1\"}",
                    "{\"ImportId\":\"QID2_TEXT\"}", "{\"ImportId\":\"QID4\"}", "{\"ImportId\":\"QID7\"}",
                    "{\"ImportId\":\"QID10_1\"}", "{\"ImportId\":\"QID11_TEXT\"}", "{\"ImportId\":\"QID_Recaptcha\"}");

    @Test
    void readsQualtricsChoiceTextWithItsMetadata() {
        Path file = write(dir, "consumers.csv", QUALTRICS_CONSUMER
                + line("2024-03-01 10:00:00", "2024-03-01 10:05:00", "IP Address", "203.0.113.7", "100", "300", "True",
                "2024-03-01 10:05:01", "R_1abc", "Smith", "Jane", "jane@example.com", "EXT-9", "40.1", "-105.2",
                "anonymous", "EN", "United States", "34", "Agree", "Email,Text message (SMS)", "Well", "Nice, really", "0.9")
                + line("2024-03-02 09:00:00", "2024-03-02 09:01:00", "IP Address", "198.51.100.2", "40", "60", "False",
                "2024-03-02 09:01:01", "R_2def", "", "", "", "", "", "", "anonymous", "EN", "UK", "", "", "", "", "", ""));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.QUALTRICS);
            assertThat(export.study().id()).isEqualTo("care-gap");
            assertThat(export.segments()).containsExactly("consumer");
            assertThat(export.ignoredColumns()).containsExactly("Q_RecaptchaScore");
            assertThat(export.personalDataColumns()).contains("IPAddress", "RecipientEmail", "LocationLatitude");

            RawResponse first = export.next();
            assertThat(first.zone()).as("the zone of the EndDate import id").isEqualTo(java.time.ZoneId.of("America/Denver"));
            assertThat(first.row()).isEqualTo(4);
            assertThat(first.segment()).isEqualTo("consumer");
            assertThat(first.respondentId()).isEqualTo("R_1abc");
            assertThat(first.endedAt()).isEqualTo("2024-03-01 10:05:00");
            assertThat(first.finished()).isEqualTo("True");
            assertThat(first.progress()).isEqualTo("100");
            assertThat(first.weight()).isNull();
            assertThat(cells(first)).containsExactly(entry("C_COUNTRY", "United States"), entry("C_AGE", "34"),
                    entry("C_CARE", "Agree"), entry("C_PREF_CHANNELS", "Email,Text message (SMS)"),
                    entry("C_IND_HEALTHCARE", "Well"), entry("C_COMMENT", "Nice, really"));
            assertThat(first.cells().get(0).column()).isEqualTo("C_COUNTRY");

            RawResponse second = export.next();
            assertThat(second.row()).isEqualTo(5);
            assertThat(second.finished()).isEqualTo("False");
            assertThat(second.progress()).isEqualTo("40");
            assertThat(cells(second)).containsEntry("C_CARE", "");
            assertThat(export.hasNext()).isFalse();
        }
    }

    @Test
    void readsQualtricsNumericValuesAsWritten() {
        Path file = write(dir, "numeric.csv", QUALTRICS_CONSUMER
                + line("2024-03-01 10:00:00", "2024-03-01 10:05:00", "0", "203.0.113.7", "100", "300", "1",
                "2024-03-01 10:05:01", "R_1abc", "", "", "", "", "", "", "anonymous", "EN", "1", "34", "4", "1,2", "6", "", ""));

        RawResponse response = readAll(file).get(0);

        assertThat(cells(response)).contains(entry("C_COUNTRY", "1"), entry("C_CARE", "4"),
                entry("C_PREF_CHANNELS", "1,2"), entry("C_IND_HEALTHCARE", "6"));
        assertThat(response.finished()).isEqualTo("1");
    }

    @Test
    void readsQualtricsOneColumnPerOptionAndTheTypedOtherText() {
        Path file = write(dir, "business.csv",
                line("EndDate", "ResponseId", "Finished", "B_CARE", "B_CHANNELS_USED_1", "B_CHANNELS_USED_3",
                        "B_NO_MOBILE_REASONS_3", "B_NO_MOBILE_REASONS_6", "B_NO_MOBILE_REASONS_6_TEXT")
                + line("End Date", "Response ID", "Finished", "Our company cares for its customers.",
                        "Which channels does your company use to communicate with customers? (Select all that apply) - Email",
                        "Which channels does your company use to communicate with customers? (Select all that apply) - Text messages (SMS)",
                        "Why does your company not engage customers through mobile? (Select all that apply) - Privacy concerns",
                        "Why does your company not engage customers through mobile? (Select all that apply) - Other (please specify)",
                        "Why does your company not engage customers through mobile? - Other (please specify) - Text")
                + line("{\"ImportId\":\"endDate\"}", "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"finished\"}",
                        "{\"ImportId\":\"QID20\"}", "{\"ImportId\":\"QID25_1\"}", "{\"ImportId\":\"QID25_3\"}",
                        "{\"ImportId\":\"QID26_3\"}", "{\"ImportId\":\"QID26_6\"}", "{\"ImportId\":\"QID26_6_TEXT\"}")
                + line("2024-03-01 10:05:00", "R_b1", "1", "Strongly agree", "1", "", "1", "1", "Our customers are old"));

        try (Export export = READER.open(file)) {
            assertThat(export.segments()).containsExactly("business");
            RawResponse response = export.next();
            assertThat(cells(response)).containsExactly(entry("B_CARE", "Strongly agree"),
                    entry("B_CHANNELS_USED=Email", "1"), entry("B_CHANNELS_USED=Text messages (SMS)", ""),
                    entry("B_NO_MOBILE_REASONS=Privacy concerns", "1"),
                    entry("B_NO_MOBILE_REASONS=Other (please specify)", "1"),
                    entry("B_NO_MOBILE_REASONS_OTHER", "Our customers are old"));
            assertThat(response.cells().get(1).column()).isEqualTo("B_CHANNELS_USED_1");
        }
    }

    @Test
    void readsQualtricsOneColumnMultiSelectWithItsOtherTextColumnAndMapsUntaggedColumnsByText() {
        Path file = write(dir, "business-joined.csv",
                line("ResponseId", "Q5", "B_NO_MOBILE_REASONS", "B_NO_MOBILE_REASONS_OTHER")
                + line("Response ID", "Does your company use mobile (text messages, mobile apps, mobile email) to engage with customers?",
                        "Why does your company not engage customers through mobile? (Select all that apply)",
                        "Why does your company not engage customers through mobile? - Other (please specify) - Text")
                + line("{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID5\"}", "{\"ImportId\":\"QID26\"}",
                        "{\"ImportId\":\"QID26_6_TEXT\"}")
                + line("R_b2", "No", "Expense,Other (please specify)", "Too small"));

        RawResponse response = readAll(file).get(0);

        assertThat(cells(response)).containsExactly(entry("B_USES_MOBILE", "No"),
                entry("B_NO_MOBILE_REASONS", "Expense,Other (please specify)"), entry("B_NO_MOBILE_REASONS_OTHER", "Too small"));
        assertThat(response.cells().get(0).column()).isEqualTo("Q5");
    }

    @Test
    void readsSurveyMonkeyOptionColumnsOtherTextAndCarriesQuestionsForward() {
        String reasons = "Why does your company not engage customers through mobile? (Select all that apply)";
        Path file = write(dir, "monkey.csv",
                line("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
                        "Last Name", "Custom Data 1", "Our company cares for its customers.", reasons, "", "", "Which industry is your company in?")
                + line("", "", "", "", "", "", "", "", "", "Response", "Privacy concerns", "Expense", "Other (please specify)", "Response")
                + line("114", "4321", "03/01/2024 10:00:00 AM", "03/01/2024 10:05:00 AM", "203.0.113.7", "bob@example.com",
                        "Bob", "Jones", "x", "Agree", "", "Expense", "Customers do not want it", "Retail"));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.SURVEYMONKEY);
            assertThat(export.segments()).containsExactly("business");
            assertThat(export.ignoredColumns()).isEmpty();
            RawResponse response = export.next();
            assertThat(response.row()).isEqualTo(3);
            assertThat(response.respondentId()).isEqualTo("114");
            assertThat(response.endedAt()).isEqualTo("03/01/2024 10:05:00 AM");
            assertThat(response.finished()).isNull();
            assertThat(cells(response)).containsExactly(entry("B_CARE", "Agree"),
                    entry("B_NO_MOBILE_REASONS=Privacy concerns", ""), entry("B_NO_MOBILE_REASONS=Expense", "Expense"),
                    entry("B_NO_MOBILE_REASONS=Other (please specify)", "Customers do not want it"),
                    entry("B_INDUSTRY", "Retail"));
            assertThat(response.cells().get(2).column()).isEqualTo(reasons + " - Expense");
        }
    }

    @Test
    void readsSurveyMonkeyMatrixRowsByTheirLabels() {
        Path file = write(dir, "monkey-consumers.csv",
                line("Respondent ID", "End Date", MATRIX, "", "", "What is your gender?", "Favourite colour?")
                + line("", "", "Healthcare providers", "Retail", "Telecom, cable and utilities", "Response", "Response")
                + line("115", "03/01/2024 10:05:00 AM", "Well", "No experience", "Very poorly", "Female", "Blue"));

        try (Export export = READER.open(file)) {
            assertThat(export.segments()).containsExactly("consumer");
            assertThat(export.ignoredColumns()).containsExactly("Favourite colour?");
            assertThat(cells(export.next())).containsExactly(entry("C_IND_HEALTHCARE", "Well"),
                    entry("C_IND_RETAIL", "No experience"), entry("C_IND_TELECOM", "Very poorly"), entry("C_GENDER", "Female"));
        }
    }

    static final String PREF_CHANNELS = "Through which channels do you prefer to receive communications from brands? (Select all that apply)";

    @Test
    void readsASurveyMonkeyExportWhoseQuestionsAllSpreadOverOptionColumnsSoItsSecondRowHoldsNoResponse() {
        Path file = write(dir, "monkey-options-only.csv",
                line("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
                        "Last Name", "Custom Data 1", PREF_CHANNELS, "", "", "", "", "", "", MATRIX, "", "", "", "")
                + line("", "", "", "", "", "", "", "", "", "Email", "Text message (SMS)", "Phone call", "Voicemail",
                        "Social media", "Mobile app", "None of these", "Healthcare providers", "Retail",
                        "Finance (banks, credit cards)", "Insurance", "Telecom, cable and utilities")
                + line("114598230001", "431856207", "03/07/2026 09:15:38 PM", "03/07/2026 09:23:18 PM", "198.51.100.2",
                        "respondent1@example.com", "Sam", "Sample", "", "Email", "", "Phone call", "", "", "Mobile app", "",
                        "Well", "Poorly", "Very well", "No experience", "Well"));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.SURVEYMONKEY);
            assertThat(export.segments()).containsExactly("consumer");
            assertThat(export.ignoredColumns()).isEmpty();
            assertThat(export.personalDataColumns()).containsExactly("IP Address", "Email Address", "First Name", "Last Name");
            RawResponse response = export.next();
            assertThat(response.row()).as("the second header row is no respondent").isEqualTo(3);
            assertThat(response.respondentId()).isEqualTo("114598230001");
            assertThat(response.endedAt()).isEqualTo("03/07/2026 09:23:18 PM");
            assertThat(cells(response)).containsExactly(entry("C_PREF_CHANNELS=Email", "Email"),
                    entry("C_PREF_CHANNELS=Text message (SMS)", ""), entry("C_PREF_CHANNELS=Phone call", "Phone call"),
                    entry("C_PREF_CHANNELS=Voicemail", ""), entry("C_PREF_CHANNELS=Social media", ""),
                    entry("C_PREF_CHANNELS=Mobile app", "Mobile app"), entry("C_PREF_CHANNELS=None of these", ""),
                    entry("C_IND_HEALTHCARE", "Well"), entry("C_IND_RETAIL", "Poorly"), entry("C_IND_FINANCE", "Very well"),
                    entry("C_IND_INSURANCE", "No experience"), entry("C_IND_TELECOM", "Well"));
            assertThat(export.hasNext()).isFalse();
        }
    }

    @Test
    void readsASurveyMonkeyExportWrittenWithoutResponseUnderItsSingleColumnQuestions() {
        String channels = "Which channels does your company use to communicate with customers? (Select all that apply)";
        Path file = write(dir, "monkey-no-response.csv",
                line("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Our company cares for its customers.",
                        channels, "", "", "", "", "", "Which industry is your company in?")
                + line("", "", "", "", "", "", "Email", "Phone calls", "Text messages (SMS)", "Social media", "Mobile apps", "Games", "")
                + line("114598230058", "431856207", "03/13/2026 06:51:46 PM", "03/13/2026 07:01:37 PM", "203.0.113.3",
                        "Agree", "Email", "", "", "Social media", "", "", "Healthcare"));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.SURVEYMONKEY);
            assertThat(export.segments()).containsExactly("business");
            assertThat(export.ignoredColumns()).isEmpty();
            RawResponse response = export.next();
            assertThat(response.row()).isEqualTo(3);
            assertThat(cells(response)).containsExactly(entry("B_CARE", "Agree"),
                    entry("B_CHANNELS_USED=Email", "Email"), entry("B_CHANNELS_USED=Phone calls", ""),
                    entry("B_CHANNELS_USED=Text messages (SMS)", ""), entry("B_CHANNELS_USED=Social media", "Social media"),
                    entry("B_CHANNELS_USED=Mobile apps", ""), entry("B_CHANNELS_USED=Games", ""), entry("B_INDUSTRY", "Healthcare"));
        }
    }

    @Test
    void aTidyExportHeadedByQuestionTextsStaysTidyWhenItsFirstRowAnswersWithOptionTexts() {
        Path file = write(dir, "tidy-texts.csv",
                line("Respondent ID", "End Date", PREF_CHANNELS, "", MATRIX + " - Retail")
                + line("r1", "2026-03-07T21:23:18Z", "Email", "Phone call", "Poorly")
                + line("r2", "2026-03-07T22:23:18Z", "Voicemail", "", "Well"));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.TIDY);
            assertThat(export.next().respondentId()).isEqualTo("r1");
        }
    }

    @Test
    void readsGoogleFormsMatrixRowsAndJoinedCheckboxes() {
        Path file = write(dir, "form.csv",
                line("Timestamp", "Email Address", "In which country do you live?", MATRIX + " [Retail]",
                        MATRIX + " [Finance (banks, credit cards)]",
                        "Through which channels do you prefer to receive communications from brands? (Select all that apply)")
                + line("3/1/2024 10:05:00", "ann@example.com", "Aus", "Poorly", "Very well", "Email, Phone call"));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.GOOGLE_FORMS);
            assertThat(export.personalDataColumns()).containsExactly("Email Address");
            RawResponse response = export.next();
            assertThat(response.row()).isEqualTo(2);
            assertThat(response.respondentId()).isNull();
            assertThat(response.endedAt()).isEqualTo("3/1/2024 10:05:00");
            assertThat(response.segment()).isEqualTo("consumer");
            assertThat(cells(response)).containsExactly(entry("C_COUNTRY", "Aus"), entry("C_IND_RETAIL", "Poorly"),
                    entry("C_IND_FINANCE", "Very well"), entry("C_PREF_CHANNELS", "Email, Phone call"));
        }
    }

    @Test
    void acceptsMatrixRowsWrittenAsMatrixDashRow() {
        Path file = write(dir, "form-dash.csv",
                line("Timestamp", MATRIX + " - Insurance") + line("3/1/2024 10:05:00", "Well"));

        assertThat(cells(readAll(file).get(0))).containsExactly(entry("C_IND_INSURANCE", "Well"));
    }

    @Test
    void readsTidyFilesWithSegmentAndWeightColumnsPerRow() {
        Path file = write(dir, "tidy.csv", """
                respondent_id,segment,end_date,weight,C_CARE,B_CARE,c_country
                1,consumer,2024-03-01T10:00:00Z,1.2,Agree,,US
                2, Business ,2024-03-01T11:00:00Z,0.8,,Disagree,
                3,robots,2024-03-01T12:00:00Z,1,,,
                """);

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.TIDY);
            assertThat(export.segments()).containsExactly("consumer", "business");
            List<RawResponse> responses = new java.util.ArrayList<>();
            export.forEachRemaining(responses::add);
            assertThat(responses).extracting(RawResponse::segment).containsExactly("consumer", "business", "robots");
            assertThat(responses).extracting(RawResponse::weight).containsExactly("1.2", "0.8", "1");
            assertThat(responses.get(0).respondentId()).isEqualTo("1");
            assertThat(responses.get(0).endedAt()).isEqualTo("2024-03-01T10:00:00Z");
            Map<String, String> cells = cells(responses.get(1));
            assertThat(cells).containsExactly(entry("C_CARE", ""), entry("B_CARE", "Disagree"), entry("C_COUNTRY", ""));
        }
    }

    @Test
    void readsMissingValueMarkersAsEmptyCells() {
        Path file = write(dir, "tidy-na.csv", """
                respondent_id,segment,end_date,weight,Finished,Progress,C_CARE,C_PREF_CHANNELS_1,C_PREF_CHANNELS_2,C_COMMENT
                NA,NA,NA,NA,NA,#N/A,NA,1, NA ,#N/A
                r2,consumer,#N/A, #N/A,True,100,Agree,NA,1,NAN
                """);

        List<RawResponse> responses = readAll(file);

        RawResponse first = responses.get(0);
        assertThat(List.of(first.respondentId(), first.endedAt(), first.weight(), first.finished(), first.progress()))
                .containsOnly("");
        assertThat(first.segment()).isEqualTo("consumer");
        assertThat(first.cells()).extracting(RawCell::column, RawCell::value).containsExactly(
                tuple("C_CARE", ""), tuple("C_PREF_CHANNELS_1", "1"),
                tuple("C_PREF_CHANNELS_2", ""), tuple("C_COMMENT", ""));
        RawResponse second = responses.get(1);
        assertThat(second.endedAt()).isEmpty();
        assertThat(second.weight()).isEmpty();
        assertThat(second.cells()).extracting(RawCell::value).containsExactly("Agree", "", "1", "NAN");
    }

    @Test
    void choosesTheStudyWhoseQuestionsMatchMostColumns() {
        var other = new dev.caregap.study.Study("other", "Other", List.of(new dev.caregap.study.Segment("consumer", "C", "C_")),
                List.of(new dev.caregap.study.Question("C_CARE", "consumer", "Care?", dev.caregap.study.QuestionType.TEXT,
                        List.of(), null, null, null, null, null, null)), List.of(), List.of());
        ExportReader reader = new ExportReader(List.of(other, TestExports.CARE_GAP));
        Path file = write(dir, "tidy.csv", "C_CARE,C_GENDER\nAgree,Male\n");

        try (Export export = reader.open(file)) {
            assertThat(export.study().id()).isEqualTo("care-gap");
        }
    }
}
