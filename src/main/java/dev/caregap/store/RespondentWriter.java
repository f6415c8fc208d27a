package dev.caregap.store;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Writes one export's respondents (with their answers) and issues in batches of a bounded size, one transaction per
 * batch, so an export of any size is stored with a bounded buffer. Batches are an internal matter: an export counts
 * only once its ingest transaction marks it ingested, and the rows of an export left half-read are removed when it is
 * taken over.
 * <p>
 * A full batch goes to a thread of its own while the next one fills: there each respondent is encoded into its
 * block, its identity sorted and handed to {@code alongside} (the export's rows of responses.csv), and the batch
 * written, while the reading thread goes on parsing, cleaning and tallying; on two cores they overlap. Up to
 * {@link #IN_FLIGHT} batches wait for the storing thread while one fills (so neither thread waits on the other's
 * every hiccup: a commit, a collection), so the buffer stays bounded whatever the file's size. After a failed write
 * the batches still waiting are not stored; the failure shows at a later batch or at {@link #flush()};
 * {@link #close()} waits for the batches under way, so nothing of the export is written (or handed on) after its
 * reader has given up on it (and is removing what it stored).
 */
public final class RespondentWriter implements AutoCloseable {

    private final TransactionTemplate transaction;
    private final int batchRows;
    private final ExecutorService storing;
    private final Consumer<Respondent> alongside;
    private RespondentBatch filling;
    private RespondentBatch spare;
    /** The respondents of the batch filling, with their data issues: encoded on the storing thread. */
    private List<Respondent> respondents = new ArrayList<>();
    private List<List<Issue>> issues = new ArrayList<>();
    /** Batches handed over and not yet stored, oldest first. */
    private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
    /** Set by the storing thread once a batch failed: the batches after it are not stored. */
    private volatile boolean failed;
    /**
     * The identities of the included respondents, sorted as they come (see IdentitySort), on the storing thread until
     * {@link #flush()}; null once handed over.
     */
    private IdentitySort identities;

    RespondentWriter(TransactionTemplate transaction, RespondentBatch filling, RespondentBatch spare, int batchRows,
                     String name, IdentitySort identities, Consumer<Respondent> alongside) {
        this.identities = identities;
        this.alongside = alongside;
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
        respondents.add(respondent);
        issues.add(respondentIssues);
        if (respondents.size() >= batchRows) {
            handOver();
        }
    }

    /** Writes what is buffered and waits until every batch is committed (one transaction per batch). */
    public void flush() {
        if (!respondents.isEmpty()) {
            handOver();
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /** Waits for the batches under way (their failure, if any, is not thrown again here) and ends the thread. */
    @Override
    public void close() {
        try {
            while (!inFlight.isEmpty()) {
                try {
                    awaitOldest();
                } catch (RuntimeException alreadyReported) {
                    // flush or add threw it to the reader, or the reader stopped for a reason of its own
                }
            }
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

    /**
     * Sends the full batch to be stored after those handed over before it, waiting first while {@link #IN_FLIGHT} of
     * them are; the next fills meanwhile. The two batch buffers take turns: the storing thread stores one batch at a
     * time, so a buffer is cleared before its next turn.
     */
    private void handOver() {
        while (inFlight.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        RespondentBatch full = filling;
        filling = spare;
        spare = full;
        List<Respondent> handed = respondents;
        List<List<Issue>> handedIssues = issues;
        respondents = new ArrayList<>(handed.size());
        issues = new ArrayList<>(handed.size());
        IdentitySort sorting = identities;
        inFlight.add(storing.submit(() -> {
            if (failed) {
                return;  // a batch before it failed: the reader is told at its next wait, and gives the export up
            }
            try {
                for (int i = 0; i < handed.size(); i++) {
                    Respondent respondent = handed.get(i);
                    full.add(respondent, handedIssues.get(i));
                    sorting.add(respondent);
                    alongside.accept(respondent);
                }
                transaction.executeWithoutResult(status -> full.write());
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            } finally {
                full.clear();
            }
        }));
    }

    /** Batches handed over that may wait for the storing thread. */
    static final int IN_FLIGHT = 3;

    /** Waits for the oldest batch handed over, to its end even when interrupted: it must not outlive its reader. */
    private void awaitOldest() {
        Future<?> pending = inFlight.poll();
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
