package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.caregap.read.ExportLayoutsTest.QUALTRICS_CONSUMER;
import static dev.caregap.read.TestExports.CARE_GAP;
import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.cells;
import static dev.caregap.read.TestExports.line;
import static dev.caregap.read.TestExports.readAll;
import static dev.caregap.read.TestExports.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

/** A row that names the questions (their texts, or the header again) is never a respondent. */
class QuestionTextRowsTest {

    private static final String CARE = CARE_GAP.question("C_CARE").orElseThrow().text();
    private static final String COUNTRY = CARE_GAP.question("C_COUNTRY").orElseThrow().text();
    private static final String COMMENT = CARE_GAP.question("C_COMMENT").orElseThrow().text();
    /** The tags and question-text rows of a Qualtrics export, without its third (ImportId) row. */
    private static final String TWO_HEADER_ROWS = QUALTRICS_CONSUMER.lines().limit(2).map(l -> l + "\n")
            .reduce("", String::concat);
    private static final String ANSWERS = line("2024-03-01 10:00:00", "2024-03-01 10:05:00", "IP Address", "203.0.113.7", "100",
            "300", "True", "2024-03-01 10:05:01", "R_1abc", "Smith", "Jane", "jane@example.com", "EXT-9", "40.1", "-105.2",
            "anonymous", "EN", "United States", "34", "Agree", "Email", "Well", "Nice, really", "0.9");

    @TempDir
    Path dir;

    private ExportRejectedException rejection(Path file) {
        return catchThrowableOfType(ExportRejectedException.class, () -> readAll(file));
    }

    @Test
    void readsAQualtricsExportWithoutItsImportIdRowAsQualtricsAndItsQuestionTextsAsNoRespondent() {
        Path file = write(dir, "no-import-ids.csv", TWO_HEADER_ROWS + ANSWERS + ANSWERS.replace("R_1abc", "R_2def"));

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.QUALTRICS_NO_IMPORT_IDS);
            assertThat(export.layout().label()).isEqualTo("Qualtrics (no ImportId row)");
            RawResponse first = export.next();
            assertThat(first.row()).isEqualTo(3);
            assertThat(first.respondentId()).isEqualTo("R_1abc");
            assertThat(first.zone()).as("no import id states a zone").isNull();
            assertThat(cells(first)).contains(entry("C_COUNTRY", "United States"), entry("C_CARE", "Agree"));
            assertThat(export.next().respondentId()).isEqualTo("R_2def");
            assertThat(export.hasNext()).isFalse();
        }
    }

    @Test
    void readsATidyFileWhoseSecondRowHoldsTheQuestionTextsWithoutCountingIt() {
        Path file = write(dir, "labelled.csv", line("respondent_id", "C_COUNTRY", "C_CARE") + line("Respondent ID", COUNTRY, CARE)
                + line("1", "United Kingdom", "Agree"));

        List<RawResponse> responses = readAll(file);

        assertThat(responses).extracting(RawResponse::respondentId).containsExactly("1");
        assertThat(responses.get(0).row()).isEqualTo(3);
    }

    @Test
    void rejectsARowOfQuestionTextsBelowTheAnswersNamingIt() {
        Path file = write(dir, "joined.csv", line("respondent_id", "C_COUNTRY", "C_CARE") + line("1", "United Kingdom", "Agree")
                + line("", COUNTRY, CARE) + line("2", "Australia", "Disagree"));

        ExportRejectedException e = rejection(file);

        assertThat(e.getMessage()).isEqualTo("Row 3 names the questions instead of answering them (their texts, or the header"
                + " again), so it is no respondent: the file may be two exports joined. Remove the row, or drop each export as a"
                + " file of its own.");
        assertThat(e.details()).isEqualTo("file joined.csv, row 3: \"" + COUNTRY + "\"");
    }

    @Test
    void rejectsTheHeaderOfASecondExportPastedBelowTheFirst() {
        Path file = write(dir, "twice.csv", QUALTRICS_CONSUMER + ANSWERS + QUALTRICS_CONSUMER + ANSWERS);

        assertThat(rejection(file).getMessage()).startsWith("Row 5 names the questions instead of answering them");
    }

    @Test
    void rejectsQuestionIdsBelowQuestionTexts() {
        Path file = write(dir, "upside-down.csv", line("Respondent ID", COUNTRY, CARE) + line("respondent_id", "C_COUNTRY", "C_CARE")
                + line("1", "United Kingdom", "Agree"));

        assertThat(rejection(file).getMessage()).startsWith("Row 2 names the questions instead of answering them");
    }

    @Test
    void keepsARespondentWhoseOneOpenAnswerRepeatsItsQuestion() {
        Path file = write(dir, "echo.csv", line("respondent_id", "C_CARE", "C_COMMENT") + line("1", "Agree", COMMENT)
                + line("2", "", COMMENT));

        assertThat(readAll(file)).extracting(RawResponse::respondentId).containsExactly("1", "2");
    }

    @Test
    void keepsSurveyMonkeyRowsWhoseCellsAreTheOptionsHeadingTheirColumns() {
        String reasons = CARE_GAP.question("B_NO_MOBILE_REASONS").orElseThrow().text();
        Path file = write(dir, "monkey.csv",
                line("Respondent ID", "Our company cares for its customers.", reasons, "", "")
                        + line("", "Response", "Privacy concerns", "Expense", "Too invasive")
                        + line("7", "Agree", "Privacy concerns", "Expense", "Too invasive"));

        assertThat(readAll(file)).extracting(RawResponse::respondentId).containsExactly("7");
    }
}
