package dev.caregap.cleaning;

import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.read.RawCell;
import dev.caregap.read.RawResponse;
import dev.caregap.read.ReadIssue;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A row whose cells do not line up with the header keeps no value in its issues and, in a file with columns never
 * read, no text and no respondent id: one may be personal data.
 */
class ShiftedRowTest {

    private static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));

    @TempDir
    Path dir;

    @Test
    void aRowShiftedByAStrayDelimiterKeepsNoValueInItsIssuesWhileALinedUpRowKeepsWhatItCouldNotRead() throws IOException {
        // row 2: a stray comma in the end date moves the e-mail address under C_AGE
        Path file = Files.writeString(dir.resolve("shifted.csv"), "respondent_id,end_date,Email,C_AGE,C_CARE\n"
                + "7,2024-03-01 10:00,00,jane@example.com,34,Agree\n"
                + "8,2024-03-01 10:05,bob@example.com,thirty,Agree\n");
        Cleaner cleaner = new Cleaner(CARE_GAP);
        try (Export export = new ExportReader(List.of(CARE_GAP)).open(file)) {
            List<Issue> shifted = cleaner.clean(export.next()).issues();
            List<Issue> linedUp = cleaner.clean(export.next()).issues();

            assertThat(shifted).extracting(Issue::column).contains("C_AGE");
            assertThat(shifted).allSatisfy(issue -> assertThat(issue.value()).doesNotContain("jane@example.com"));
            assertThat(shifted).filteredOn(issue -> "C_AGE".equals(issue.column())).singleElement()
                    .satisfies(issue -> assertThat(issue.reason()).endsWith(IssueLog.NOT_LINED_UP));
            assertThat(linedUp).filteredOn(issue -> "C_AGE".equals(issue.column())).extracting(Issue::value)
                    .containsExactly("thirty");
        }
    }

    @Test
    void aRowShiftedByAStrayDelimiterWhoseLastCellWasEmptyKeepsNoValueInItsIssues() throws IOException {
        // one cell more than the header, the last one empty: a trailing delimiter, or (here) a shift by one
        Path file = Files.writeString(dir.resolve("shifted.csv"), "respondent_id,end_date,Email,C_AGE,C_CARE\n"
                + "7,2024-03-01 10:00,00,jane@example.com,34,\n");
        try (Export export = new ExportReader(List.of(CARE_GAP)).open(file)) {
            List<Issue> issues = new Cleaner(CARE_GAP).clean(export.next()).issues();

            assertThat(issues).extracting(Issue::column).contains("C_AGE");
            assertThat(issues).allSatisfy(issue -> assertThat(issue.value()).doesNotContain("jane@example.com"));
        }
    }

    @Test
    void aShiftedRowKeepsNoTextNorRespondentIdButStillReadsItsAnswers() throws IOException {
        // a stray comma in the end date moves the e-mail address under the comment
        Path file = Files.writeString(dir.resolve("shifted.csv"), "respondent_id,C_CARE,end_date,Email,C_COMMENT\n"
                + "7,Agree,2024-03-01 10:00,00,jane@example.com,\n");
        try (Export export = new ExportReader(List.of(CARE_GAP)).open(file)) {
            Cleaned cleaned = new Cleaner(CARE_GAP).clean(export.next());
            Respondent respondent = cleaned.respondent();

            assertThat(respondent.answers()).containsExactly(Answer.choice("C_CARE", 4));
            assertThat(respondent.respondentId()).isNull();
            assertThat(respondent.toString()).doesNotContain("jane@example.com");
            assertThat(cleaned.issues()).allSatisfy(issue -> assertThat(issue.value()).isEmpty())
                    .extracting(Issue::column, Issue::reason).contains(
                            tuple("C_COMMENT", Cleaner.TEXT_NOT_KEPT + IssueLog.NOT_LINED_UP),
                            tuple(Cleaner.RESPONDENT_ID_COLUMN, Cleaner.ID_NOT_KEPT + IssueLog.NOT_LINED_UP));
        }
    }

    @Test
    void aShiftedRowOfAFileWhoseEveryColumnIsReadKeepsItsIdAndText() throws IOException {
        // a comma typed in an open answer, unquoted: nothing the file holds is left unread, so nothing personal moved
        Path file = Files.writeString(dir.resolve("comma.csv"), "respondent_id,end_date,C_CARE,C_COMMENT\n"
                + "7,2024-03-01 10:00,Agree,Thanks, great\n");
        try (Export export = new ExportReader(List.of(CARE_GAP)).open(file)) {
            Cleaned cleaned = new Cleaner(CARE_GAP).clean(export.next());

            assertThat(cleaned.respondent().respondentId()).isEqualTo("7");
            assertThat(cleaned.respondent().answers()).contains(Answer.choice("C_CARE", 4), Answer.text("C_COMMENT", "Thanks"));
            assertThat(cleaned.issues()).extracting(Issue::column).containsExactly("column 5 (past the header's 4)");
        }
    }

    @Test
    void aShiftedRowChoosesOtherButKeepsNoTextTypedBesideIt() {
        String other = "Why does your company not engage customers through mobile? - Other (please specify)";
        RawResponse shifted = new RawResponse(3, "business", "R_1", null, null, null, null, List.of(
                new RawCell("B_USES_MOBILE", "B_USES_MOBILE", null, "No"),
                new RawCell("B_NO_MOBILE_REASONS", other, "Other (please specify)", "bob@example.com")), null,
                List.of(new ReadIssue("column 9 (past the header's 8)", "", "more cells than the header", true)));

        Cleaned cleaned = new Cleaner(CARE_GAP).clean(shifted);

        assertThat(cleaned.respondent().answers()).containsExactly(Answer.choice("B_USES_MOBILE", 2),
                Answer.choice("B_NO_MOBILE_REASONS", 6));
        assertThat(cleaned.issues()).filteredOn(issue -> other.equals(issue.column())).singleElement()
                .satisfies(issue -> assertThat(issue.question()).isEqualTo("B_NO_MOBILE_REASONS_OTHER"))
                .satisfies(issue -> assertThat(issue.value()).isEmpty());
    }
}
