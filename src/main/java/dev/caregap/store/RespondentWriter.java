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
 * The reading thread hands the respondents on in chunks of at most {@link #CHUNK} to a thread of its own: there each
 * respondent is encoded into its batch (into its block), its identity sorted and handed to {@code alongside} (the
 * export's rows of responses.csv), and a batch written once it holds {@code batchRows}, while the reading thread goes
 * on parsing, cleaning and tallying; on two cores they overlap. Up to {@link #IN_FLIGHT} chunks wait for the storing
 * thread while one fills (so neither thread waits on each hiccup of the other: a commit, a collection); a chunk holds
 * respondents as objects and a batch holds them encoded, so the memory stays bounded whatever the file's size or the
 * batch size. After a failed write no later chunk is stored; the failure shows at a later chunk or at
 * {@link #flush()}; {@link #close()} waits for the chunks under way, so nothing of the export is written (or handed
 * on) after its reader has given up on it (and is removing what it stored).
 */
public final class RespondentWriter implements AutoCloseable {

    /** Respondents handed to the storing thread at once, at most: objects until then, so few. */
    static final int CHUNK = 2_000;
    /** Chunks handed over that may wait for the storing thread. */
    static final int IN_FLIGHT = 3;

    private final TransactionTemplate transaction;
    private final int batchRows;
    private final int chunkRows;
    private final ExecutorService storing;
    private final Consumer<Respondent> alongside;
    /** The batch the storing thread fills, and the one it fills after writing that: touched by that thread only. */
    private RespondentBatch filling;
    private RespondentBatch spare;
    /** The respondents of the chunk filling, with their data issues. */
    private List<Respondent> respondents = new ArrayList<>();
    private List<List<Issue>> issues = new ArrayList<>();
    /** Chunks handed over and not yet stored, oldest first. */
    private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
    /** Set by the storing thread once a write failed: the chunks after it are not stored. */
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
        this.chunkRows = Math.min(batchRows, CHUNK);
        this.storing = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void add(Respondent respondent, List<Issue> respondentIssues) {
        respondents.add(respondent);
        issues.add(respondentIssues);
        if (respondents.size() >= chunkRows) {
            handOver(false);
        }
    }

    /** Writes what is buffered and waits until every batch is committed (one transaction per batch). */
    public void flush() {
        handOver(true);
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /** Waits for the chunks under way (their failure, if any, is not thrown again here) and ends the thread. */
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
     * Sends the chunk filling to the storing thread, after those handed over before it, waiting first while
     * {@link #IN_FLIGHT} of them are; {@code last}: the batch there is written whatever it holds.
     */
    private void handOver(boolean last) {
        while (inFlight.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        List<Respondent> handed = respondents;
        List<List<Issue>> handedIssues = issues;
        respondents = new ArrayList<>(chunkRows);
        issues = new ArrayList<>(chunkRows);
        IdentitySort sorting = identities;
        inFlight.add(storing.submit(() -> {
            if (failed) {
                return;  // a write before it failed: the reader is told at its next wait, and gives the export up
            }
            try {
                for (int i = 0; i < handed.size(); i++) {
                    Respondent respondent = handed.get(i);
                    filling.add(respondent, handedIssues.get(i));
                    sorting.add(respondent);
                    alongside.accept(respondent);
                    if (filling.rows() >= batchRows) {
                        write();
                    }
                }
                if (last && filling.rows() > 0) {
                    write();
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }));
    }

    /** On the storing thread: writes the batch filling in a transaction of its own, then fills the other one. */
    private void write() {
        RespondentBatch full = filling;
        filling = spare;
        spare = full;
        try {
            transaction.executeWithoutResult(status -> full.write());
        } finally {
            full.clear();
        }
    }

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
