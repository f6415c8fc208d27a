package dev.caregap.results;

import dev.caregap.run.ResponseSource;

import java.util.List;
import java.util.Map;

/** What a run's responses.csv is put together from, as the database has it (see {@link ResponsesCsv#combine}). */
public interface StoredResponses {

    /** The exports the run covers, in export order. */
    List<Export> exports();

    /**
     * Per export, the row numbers of its included respondents that are duplicates as the run counted them (decided by
     * an export it covers), in ascending order.
     */
    Map<Long, long[]> duplicateRows();

    /** The included respondents an export counted, duplicate or not, in row order: to write its file again. */
    ResponseSource countedIn(long exportId);

    /** An export a run covers: its number, file name and content hash. */
    record Export(long id, String fileName, String contentHash) {
    }
}
