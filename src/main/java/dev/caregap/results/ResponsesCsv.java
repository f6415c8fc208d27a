package dev.caregap.results;

import dev.caregap.respondent.Respondent;
import dev.caregap.run.ResponseSource;
import dev.caregap.study.Study;

import dev.caregap.report.workbook.ResponseRows;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.LongPredicate;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * responses.csv: the cleaned tidy data of the included respondents, one row each, written as they
 * stream in (never all in memory). After the respondent's export file, row, id, segment, end and
 * weight comes one column per question of the study, in study order: a single, scale or age answer as
 * its option's text (the age band, not the years typed), a multi-select as the chosen options' texts in
 * questionnaire order joined with "; ", open text as typed. A question not answered is empty.
 * Answers to a question the study does not define have no column and are not written.
 */
public final class ResponsesCsv {

    static final String FILE = "responses.csv";
    static final String MULTI_SEPARATOR = "; ";
    private static final long[] NONE = {};

    private static final List<String> RESPONDENT_COLUMNS = List.of("export_file", "row", "respondent_id",
            "segment", "ended_at", "weight");

    private ResponsesCsv() {
    }

    /** The columns: the respondent's export file, row, id, segment, end and weight, then each question of the study. */
    public static List<String> header(Study study) {
        List<String> header = new ArrayList<>(RESPONDENT_COLUMNS);
        study.questions().forEach(q -> header.add(q.id()));
        return header;
    }

    /** Writes responses.csv from the streamed respondents; returns the rows written. */
    static long write(Path file, Study study, ResponseSource responses) throws IOException {
        ResponseColumns columns = ResponseColumns.of(study);
        StringBuilder row = new StringBuilder(1 << 10);
        long[] rows = {0};
        try (SafeCsv csv = SafeCsv.create(file, header(study))) {
            responses.forEach((exportFile, respondent) -> {
                row.setLength(0);
                columns.appendRow(SafeCsv.appendCell(row, exportFile).append(','), respondent);
                try {
                    csv.row(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rows[0];
    }

    /**
     * Writes responses.csv from each covered export's file of rows (see {@link ExportResponses}): the header, then each
     * export's rows in export order, copied as bytes, less the rows that are duplicates as the run counted them
     * ({@link StoredResponses#duplicateRows}). An export whose file is missing or not whole has it written again from
     * the database first. The result is what {@link #write} writes from the database's included respondents, byte for
     * byte. Returns the rows written.
     */
    static long combine(Path file, Study study, StoredResponses stored, ExportResponses exports) throws IOException {
        SafeCsv.create(file, header(study)).close();
        Map<Long, long[]> duplicates = stored.duplicateRows();
        long rows = 0;
        try (FileOutputStream appending = new FileOutputStream(file.toFile(), true);
             OutputStream out = new BufferedOutputStream(appending, 1 << 16)) {
            FileChannel channel = appending.getChannel();
            for (StoredResponses.Export export : stored.exports()) {
                long[] dropped = duplicates.getOrDefault(export.id(), NONE);
                LongPredicate duplicate = row -> dropped.length > 0 && Arrays.binarySearch(dropped, row) >= 0;
                byte[] fileCell = SafeCsv.leadingCell(export.fileName()).getBytes(StandardCharsets.UTF_8);
                out.flush();
                long start = channel.size();
                long copied = exports.copy(study, export.id(), export.contentHash(), fileCell, duplicate, out);
                if (copied < 0) {
                    // no file yet (or not whole): take back what was copied, write it from the database, copy again
                    out.flush();
                    channel.truncate(start);
                    exports.writeFrom(study, export.id(), export.contentHash(), stored.countedIn(export.id()));
                    copied = exports.copy(study, export.id(), export.contentHash(), fileCell, duplicate, out);
                    if (copied < 0) {
                        throw new IOException("the responses of export " + export.id() + " written to "
                                + exports.file(study, export.id(), export.contentHash()) + " could not be read back");
                    }
                }
                rows += copied;
            }
        }
        exports.removeAbandoned(study);
        return rows;
    }

    /**
     * The rows of a written responses.csv as their cells (as {@link #cells} gives them), read one at a time until no
     * more are wanted; {@code total} is how many it holds.
     */
    static ResponseRows rows(Path file, long total) {
        return row -> {
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                if (in.read() != SafeCsv.BYTE_ORDER_MARK) {
                    throw new IOException(file + " does not start with a byte order mark");
                }
                for (CSVRecord record : CSVParser.parse(in, format)) {
                    List<String> cells = new ArrayList<>(record.size());
                    record.forEach(cell -> cells.add(SafeCsv.uncell(cell)));
                    if (!row.test(cells)) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read back " + file, e);
            }
            return total;
        };
    }

    /** The row's cells as written before {@link SafeCsv} keeps them from spreadsheet formulas. */
    public static List<String> cells(Study study, String exportFile, Respondent respondent) {
        List<String> cells = ResponseColumns.of(study).cells(respondent);
        cells.add(0, exportFile);
        return cells;
    }
}
