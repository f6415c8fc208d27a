package dev.caregap.results;

import dev.caregap.run.IssueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * data-issues.csv: every value set missing or corrected, one row each, with the file, row, column and
 * value as read, so whoever owns the source can fix it. data-quality-reasons.csv counts the same issues.
 */
final class IssuesCsv {

    static final String FILE = "data-issues.csv";
    static final List<String> HEADER = List.of("file", "row", "column", "question", "value", "reason");

    private IssuesCsv() {
    }

    static void write(Path file, IssueSource issues) throws IOException {
        try (SafeCsv csv = SafeCsv.create(file, HEADER)) {
            issues.forEach((exportFile, issue) -> csv.rowUnchecked(Arrays.asList(exportFile, Long.toString(issue.row()),
                    issue.column(), issue.question(), issue.value(), issue.reason())));
        }
    }
}
