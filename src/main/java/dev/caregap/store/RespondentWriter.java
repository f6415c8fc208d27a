package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one export's respondents (with their answers) and issues in batches of a bounded size, one transaction per
 * batch, so an export of any size is stored with a bounded buffer. Batches are an internal matter: an export counts
 * only once its ingest transaction marks it ingested, and the rows of an export left half-read are removed when it is
 * taken over.
 * <p>
 * A full batch is written on a thread of its own while the next one fills: storing and reading (parsing, cleaning,
 * tallying) each take about half the time, so on two cores they overlap. At most one batch is being written and one
 * filled, so the buffer stays two batches whatever the file's size. A failed write shows at the next batch or at
 * {@link #flush()}; {@link #close()} waits for the write under way, so nothing of the export is written after its
 * reader has given up on it (and is removing what it stored).
 */
public final class RespondentWriter implements AutoCloseable {

    private final TransactionTemplate transaction;
    private final int batchRows;
    private final ExecutorService storing;
    private RespondentBatch filling;
    private RespondentBatch spare;
    private Future<?> written;
    /** The identities of the included respondents, sorted as they come (see IdentitySort); null once handed over. */
    private IdentitySort identities;

    RespondentWriter(TransactionTemplate transaction, RespondentBatch filling, RespondentBatch spare, int batchRows,
                     String name, IdentitySort identities) {
        this.identities = identities;
        this.transaction = transaction;
        this.filling = filling;
        this.spare = spare;
        this.batchRows = batchRows;
        this.storing = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void add(Respondent respondent, List<Issue> respondentIssues) {
        filling.add(respondent, respondentIssues);
        identities.add(respondent);
        if (filling.rows() >= batchRows) {
            handOver();
        }
    }

    /** Writes what is buffered and waits until every batch is committed (one transaction per batch). */
    public void flush() {
        if (filling.rows() > 0) {
            handOver();
        }
        awaitWritten();
    }

    /** Waits for the batch being written (its failure, if any, is not thrown again here) and ends the thread. */
    @Override
    public void close() {
        try {
            awaitWritten();
        } catch (RuntimeException alreadyReported) {
            // flush or add threw it to the reader, or the reader stopped for a reason of its own
        } finally {
            storing.shutdown();
            if (identities != null) {
                identities.close();
            }
        }
    }

    /** The identities of the respondents written, in key order: what the export brings to the duplicates settling. */
    Iterator<StoredIdentity> sortedIdentities() {
        return identities.sorted();
    }

    /**
     * The identities of the respondents written, to be written into respondent_identity after the export's ingest
     * transaction, when this writer is closed already: the caller closes them (see PendingIdentities).
     */
    IdentitySort handOverIdentities() {
        IdentitySort handedOver = identities;
        identities = null;
        return handedOver;
    }

    /** Sends the full batch to be written once the previous one is committed; the next fills meanwhile. */
    private void handOver() {
        awaitWritten();
        RespondentBatch full = filling;
        filling = spare;
        spare = full;
        written = storing.submit(() -> {
            try {
                transaction.executeWithoutResult(status -> full.write());
            } finally {
                full.clear();
            }
        });
    }

    /** Waits for the batch being written, to its end even when interrupted: it must not outlive its reader. */
    private void awaitWritten() {
        Future<?> pending = written;
        if (pending == null) {
            return;
        }
        written = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("storing respondents failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
