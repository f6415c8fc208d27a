package dev.caregap.it;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/** Reads a result CSV the service wrote (figures.csv, data-quality.csv ...) back, for the tests to check. */
final class ResultCsv {

    private ResultCsv() {
    }

    /** The rows of a result CSV, by its header. */
    static List<CSVRecord> rows(Path file) throws IOException {
        try (Reader in = SampleRunContract.resultFile(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** The percent of a figure's total row in figures.csv, for one answer (null for a figure without answers). */
    static String totalPercent(List<CSVRecord> figures, String figure, String answer) {
        return figures.stream().filter(r -> r.get("figure").equals(figure) && r.get("breakdown").equals("total")
                        && (answer == null || r.get("answer").equals(answer)))
                .findFirst().orElseThrow(() -> new AssertionError("no total for " + figure)).get("percent");
    }
}
