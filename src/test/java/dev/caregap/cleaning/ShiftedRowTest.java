package dev.caregap.cleaning;

import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Issue;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A row whose cells do not line up with the header keeps no value in its issues: one may be personal data. */
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
}
