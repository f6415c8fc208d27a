package dev.caregap.report.workbook;

import dev.caregap.results.ResponsesCsv;
import dev.caregap.run.ResponseSource;
import dev.caregap.study.Study;

import java.util.List;
import java.util.function.Predicate;

/**
 * The tidy rows of responses.csv as their cells (export file, row, respondent id, segment, end, weight, then each
 * question of the study; see {@link ResponsesCsv}), handed over one at a time.
 */
@FunctionalInterface
public interface ResponseRows {

    /** Hands each row to {@code row} until it returns false; returns how many rows there are in all. */
    long forEach(Predicate<List<String>> row);

    /** The rows of streamed respondents (all of them are streamed, and counted, whatever {@code row} says). */
    static ResponseRows of(Study study, ResponseSource respondents) {
        return row -> {
            long[] count = {0};
            boolean[] wanted = {true};
            respondents.forEach((exportFile, respondent) -> {
                count[0]++;
                if (wanted[0]) {
                    wanted[0] = row.test(ResponsesCsv.cells(study, exportFile, respondent));
                }
            });
            return count[0];
        };
    }
}
