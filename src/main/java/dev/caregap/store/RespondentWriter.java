package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Writes one export's respondents (with their answers) and issues in batches of a bounded size, one transaction per
 * batch, so an export of any size is stored with a bounded buffer. Batches are an internal matter: an export counts
 * only once its ingest transaction marks it ingested, and the rows of an export left half-read are removed when it is
 * taken over.
 */
public final class RespondentWriter {

    private final TransactionTemplate transaction;
    private final RespondentBatch batch;
    private final int batchRows;

    RespondentWriter(TransactionTemplate transaction, RespondentBatch batch, int batchRows) {
        this.transaction = transaction;
        this.batch = batch;
        this.batchRows = batchRows;
    }

    public void add(Respondent respondent, List<Issue> respondentIssues) {
        batch.add(respondent, respondentIssues);
        if (batch.rows() >= batchRows) {
            flush();
        }
    }

    /** Writes what is buffered, as one transaction: one commit per batch, not per row. */
    public void flush() {
        transaction.executeWithoutResult(status -> batch.write());
        batch.clear();
    }
}
