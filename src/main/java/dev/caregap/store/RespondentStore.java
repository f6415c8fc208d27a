package dev.caregap.store;

import dev.caregap.respondent.Respondent;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Respondents and their answers written in batches as an export streams in, their identities and the duplicates
 * settled over them, and an export's rows removed; read back by {@link StoredRespondents}.
 */
@Component
public class RespondentStore {

    private static final Logger log = LoggerFactory.getLogger(RespondentStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;
    private final RespondentBlocks blocks;
    private final IdentityRuns runs;
    private final int batchRows;
    private final int settleIds;
    private final int identityRun;
    private final int identityChunk;
    private volatile Boolean postgres;

    /**
     * @param batchRows respondents written per transaction while an export is read (caregap.store.batch-rows); 0: as
     *                  the store suits (see {@link #batchRows()})
     */
    @Autowired
    public RespondentStore(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           @Value("${caregap.store.batch-rows:0}") int batchRows) {
        this(jdbc, transactions, batchRows, SETTLE_IDS, IdentitySort.RUN, 0);
    }

    /**
     * @param settleIds   distinct respondent ids looked up per query when duplicates are settled
     * @param identityRun identities sorted in memory before they go to a temporary file (see IdentitySort)
     * @param identityChunk identities written per transaction; 0: as the store suits (see {@link #identityChunk()})
     */
    RespondentStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, int batchRows, int settleIds, int identityRun,
                    int identityChunk) {
        if (batchRows < 0) {
            throw new IllegalArgumentException(
                    "caregap.store.batch-rows must be 0 (as the store suits) or more, not " + batchRows);
        }
        this.jdbc = jdbc;
        this.batchRows = batchRows;
        this.settleIds = settleIds;
        this.identityRun = identityRun;
        this.identityChunk = identityChunk;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readWrite = new TransactionTemplate(transactions);
        this.blocks = new RespondentBlocks(jdbc, readOnly);
        this.runs = new IdentityRuns(jdbc);
    }

    /**
     * A writer for one export's respondents: flush it when the export is read to the end, and close it whatever
     * happens (it writes on a thread of its own, see RespondentWriter). Their answers are coded against
     * {@code codes}, which the export keeps first, before any of its rows.
     */
    public RespondentWriter writer(long exportId, String study, AnswerCodes codes) {
        return writer(exportId, study, codes, respondent -> { });
    }

    /** As {@link #writer(long, String, AnswerCodes)}, each respondent also handed to {@code alongside} on the storing thread, in row order. */
    public RespondentWriter writer(long exportId, String study, AnswerCodes codes, Consumer<Respondent> alongside) {
        jdbc.update("update survey_export set answer_questions = ? where id = ?", codes.kept(), exportId);
        return new RespondentWriter(readWrite, batch(exportId, study, codes), batch(exportId, study, codes), batchRows(),
                "store-export-" + exportId, new IdentitySort(identityRun), alongside);
    }

    private RespondentBatch batch(long exportId, String study, AnswerCodes codes) {
        return new BlockBatch(jdbc, exportId, study, codes, postgres());
    }

    /**
     * Respondents written per transaction while an export is read. On H2 few: once a transaction holds a few
     * megabytes of unsaved changes H2 writes its pages to the file part-way, and the commit, which goes over each of
     * its rows again, makes them dirty anew, so each page was compressed and written twice (at 1,000,000 respondents
     * on H2, 10,000 a transaction took 51.8 and 53.0 s and left a file of 408 MB; 2,000 took 41.5 s and 219 MB).
     * PostgreSQL takes a batch with one COPY and waits for the disk once a commit: 10,000.
     */
    private int batchRows() {
        return batchRows > 0 ? batchRows : postgres() ? POSTGRES_BATCH_ROWS : H2_BATCH_ROWS;
    }

    static final int H2_BATCH_ROWS = 2_000;
    static final int POSTGRES_BATCH_ROWS = 10_000;

    /** Whether the store is PostgreSQL, which loads rows with COPY; asked once. */
    private boolean postgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) con -> con.isWrapperFor(PGConnection.class));
        }
        return postgres;
    }

    /**
     * Removes what a rejected, half-read or interrupted export had stored, so nothing of it counts. Rows go a page
     * at a time, each page its own short transaction, so removing a big export never holds many rows locked. Should
     * the export have been ingested, its identities go first, in one transaction that also decides again every
     * identity it shares with another export's responses as though the export were gone, so no response stays a
     * duplicate of a removed one; its rows, which no settling finds from then on, go after.
     */
    public void deleteExport(long exportId) {
        boolean ingested = !jdbc.queryForList("select id from survey_export where id = ? and status = 'INGESTED'",
                Long.class, exportId).isEmpty();
        jdbc.update("delete from data_issue where export_id = ?", exportId);
        jdbc.update("delete from export_tallies where export_id = ?", exportId);
        String study = jdbc.queryForList("""
                select study from respondent_block where block_key >= ? and block_key < ? fetch first 1 rows only""",
                String.class, RespondentKey.rangeOf(exportId)).stream().findFirst().orElse(null);
        readWrite.executeWithoutResult(status -> {
            if (ingested && study != null) {
                unsettle(study, exportId);
            }
            removeIdentities(exportId);
        });
        forEachPage(exportId, (from, to) -> readWrite.executeWithoutResult(status -> deleteRows(exportId, from, to)));
    }

    /**
     * Decides again, as though the export were gone, every identity its responses share with another ingested export's
     * (its own repeats need none: all of them go), over the runs stored now: no intake removes an ingested export, so
     * this waits for no identities being written.
     */
    private void unsettle(String study, long exportId) {
        List<Long> others = othersIngested(study, exportId);
        if (others.isEmpty()) {
            return;
        }
        IdentityRuns.Merge merge = runs.merge(others);
        try (IdentitySort identities = identitiesOf(exportId)) {
            forEachChunk(identities.sorted(), chunk -> {
                Set<Identity> own = new HashSet<>();
                chunk.forEach(identity -> own.add(new Identity(identity.segment(), identity.respondentId())));
                stored(merge, chunk).forEach((identity, theirs) -> {
                    if (own.contains(identity)) {
                        settle(study, exportId, true, theirs);
                    }
                });
            });
        }
    }

    /**
     * Interrupted exports that still hold rows: their removal, which runs after the commit that marks them (see
     * ExportStore.interrupt), was cut short by a stop. Their rows count for nothing; {@link #deleteExport} removes them.
     */
    public List<Long> interruptedWithRows() {
        return jdbc.queryForList("""
                select e.id from survey_export e
                where e.status = 'INTERRUPTED' and exists (select 1 from respondent_block b where %s)
                order by e.id""".formatted(RespondentKey.inExport("b.block_key", "e.id")), Long.class);
    }

    private void deleteRows(long exportId, long from, long to) {
        jdbc.update("delete from respondent_duplicate where export_id = ? and row_no >= ? and row_no < ?", exportId, from, to);
        jdbc.update("delete from respondent_block where block_key >= ? and block_key < ?",
                RespondentKey.before(exportId, from), RespondentKey.before(exportId, to));
    }

    /**
     * Adds the identities of an export that counts already to respondent_identity and its run to identity_run:
     * marked ingested with its identities pending (ExportStore.markIngested), its duplicates settled from its own
     * sorted identities against those stored before it, so its run needs none of this. In key order (sorted as it was
     * read): the identity at place n of the run is the row keyed export * 2^32 + n, so the rows are appended in key
     * order and each page of the table is written once; in transactions of their own (on H2 a big one is saved
     * part-way and its commit, which goes over every row again, rewrites its pages). Each transaction first renews the
     * export's lease for {@code owner}; the last clears the pending mark, so the mark is gone exactly when all are
     * there, and only then does a settling export read them (see {@link #settleDuplicates}). {@code chunkWritten} runs
     * after each commit. Should the work have been taken over meanwhile (the lease ran out and another instance writes
     * them again from the export's rows), it stops and leaves them to that instance.
     *
     * @param again some may be there already (a stop came part-way): they are removed first
     * @return whether this call wrote them to the end
     */
    boolean writeIdentities(String study, long exportId, String owner, Duration lease, Iterator<StoredIdentity> sorted,
                            boolean again) {
        return writeIdentities(study, exportId, owner, lease, sorted, again, () -> { });
    }

    boolean writeIdentities(String study, long exportId, String owner, Duration lease, Iterator<StoredIdentity> sorted,
                            boolean again, Runnable chunkWritten) {
        if (again && !removeWritten(exportId, owner, lease)) {
            log.warn("Export {}: its identities were taken over by another instance before they were written again", exportId);
            return false;
        }
        int perTransaction = identityChunk();
        IdentityRuns.Writer run = runs.writer(exportId);
        List<StoredIdentity> chunk = new ArrayList<>();
        long written = 0;
        do {
            if (sorted.hasNext()) {
                chunk.add(sorted.next());
            }
            boolean last = !sorted.hasNext();
            if (chunk.size() == perTransaction || last) {
                long place = written;
                boolean ours = Boolean.TRUE.equals(readWrite.execute(status -> {
                    if (!renew(exportId, owner, lease)) {
                        return false;
                    }
                    if (!chunk.isEmpty()) {
                        addIdentities(study, exportId, place, chunk);
                        chunk.forEach(identity -> run.add(identity.idHash()));
                    }
                    if (last) {
                        run.finish();
                        jdbc.update("update survey_export set identities_pending = false, lease_until = null where id = ?", exportId);
                    }
                    return true;
                }));
                if (!ours) {
                    log.warn("Export {}: its identities were taken over by another instance after {} of them", exportId, written);
                    return false;
                }
                written += chunk.size();
                chunkWritten.run();
                log.debug("Export {}: {} identities in one transaction, {} in all", exportId, chunk.size(), written);
                chunk.clear();
            }
        } while (sorted.hasNext());
        return true;
    }

    /** Identity rows removed per transaction when a stopped instance's are removed before they are written again. */
    static final long REMOVE_IDENTITIES = 20_000;

    /**
     * Removes the identities and the run a stopped instance wrote of an export, renewing its lease with each
     * transaction; false when it is not {@code owner}'s.
     */
    private boolean removeWritten(long exportId, String owner, Duration lease) {
        Long last = jdbc.queryForObject("select max(identity_key) from respondent_identity where identity_key >= ? and identity_key < ?",
                Long.class, RespondentKey.rangeOf(exportId));
        long end = last == null ? RespondentKey.first(exportId) : last + 1;
        for (long start = RespondentKey.first(exportId); ; start += REMOVE_IDENTITIES) {
            long from = start;
            long to = Math.min(end, from + REMOVE_IDENTITIES);
            boolean ours = Boolean.TRUE.equals(readWrite.execute(status -> {
                if (!renew(exportId, owner, lease)) {
                    return false;
                }
                jdbc.update("delete from respondent_identity where identity_key >= ? and identity_key < ?", from, to);
                if (to == end) {
                    runs.remove(exportId);
                }
                return true;
            }));
            if (!ours || to == end) {
                return ours;
            }
        }
    }

    /**
     * The identities of an export whose ingest transaction is committed, sorted as it was read, handed over from its
     * writer (which may close now) until they are written.
     */
    public PendingIdentities pendingIdentities(String study, long exportId, RespondentWriter written) {
        return new PendingIdentities(this, study, exportId, written.handOverIdentities());
    }

    /** Keeps an export whose identities are pending {@code owner}'s for another lease; false when it is not {@code owner}'s. */
    private boolean renew(long exportId, String owner, Duration lease) {
        return jdbc.update("update survey_export set lease_until = ? where id = ? and owner = ? and identities_pending",
                Timestamp.from(Instant.now().plus(lease)), exportId, owner) == 1;
    }

    /**
     * Writes the identities of an export claimed for it (ExportStore.claimIdentities) from its rows, those a
     * stopped instance wrote removed first; as {@link #writeIdentities} ({@code chunkWritten} after each commit).
     */
    public boolean writeIdentitiesAgain(long exportId, String owner, Duration lease, Runnable chunkWritten) {
        String study = jdbc.queryForObject("select study from survey_export where id = ?", String.class, exportId);
        try (IdentitySort identities = identitiesOf(exportId)) {
            return writeIdentities(study, exportId, owner, lease, identities.sorted(), true, chunkWritten);
        }
    }

    /**
     * Hands on the stored respondents with keys in [from, to) that have an identity (included, with an id and a
     * segment), in key order.
     */
    private void identified(long from, long to, Consumer<RespondentBlock.Row> consumer) {
        blocks.forEach("b.block_key >= ? and b.block_key < ?", block -> RespondentBlock.forEach(block.encoded(), row -> true, row -> {
            if (row.included() && row.respondentId() != null && row.segment() != null) {
                consumer.accept(row);
            }
        }), from, to);
    }

    /** The identities of an export's stored rows (its included respondents with an id), sorted. */
    private IdentitySort identitiesOf(long exportId) {
        IdentitySort identities = new IdentitySort(identityRun);
        try {
            identified(RespondentKey.first(exportId), RespondentKey.first(exportId + 1), row -> identities.add(
                    new StoredIdentity(row.segment(), row.respondentId(), row.row(), row.endedAt())));
            return identities;
        } catch (RuntimeException e) {
            identities.close();
            throw e;
        }
    }

    /**
     * The export of the study, other than {@code exportId}, whose identities are pending and whose lease ran out (the
     * first one), or null: its instance stopped, and no export of the study can settle until another
     * instance took its identities over (see {@link #settleDuplicates}).
     */
    public Long identitiesStalled(String study, long exportId) {
        return jdbc.queryForList("""
                select id from survey_export where study = ? and identities_pending and id <> ?
                  and (lease_until is null or lease_until < ?) order by id fetch first 1 rows only""",
                Long.class, study, exportId, Timestamp.from(Instant.now())).stream().findFirst().orElse(null);
    }


    /**
     * Identities written per transaction. On H2 few: a big transaction is saved part-way once H2 holds too much
     * unsaved, and its commit (which goes over each of its rows again) makes those pages dirty anew. PostgreSQL
     * updates its pages in place: {@link #batchRows()} a transaction, so fewer commits wait for the disk.
     */
    private int identityChunk() {
        return identityChunk > 0 ? identityChunk : postgres() ? batchRows() : IDENTITY_CHUNK;
    }

    static final int IDENTITY_CHUNK = 1_000;

    /**
     * Settles duplicates (docs/analysis-rules.md, 2.6) as {@code exportId} becomes ingested, over that export's
     * respondent ids only: among included respondents of ingested exports with the same id in the same segment,
     * the latest end timestamp counts (on a tie, the later row of the export ingested last); the others are
     * duplicates. The export's identities (sorted as it was read) are gone along in key order, a chunk of ids at a
     * time: the ids the export repeats (next to each other in that order) and those it shares with a stored response
     * (the chunk's hashes merged against the runs of the study's ingested exports, see IdentityRuns) are decided
     * again, whole, from the export's own responses and those respondent_identity holds of the others; every other
     * identity keeps its decision, since its respondents did not change. Exports join the ingested ones one at a time
     * (a removed one's shared identities are decided again as it goes, see deleteExport), so the result equals the rule applied over the whole
     * study. Should an export of the study still have its identities being written, it waits until they are all there,
     * woken by {@code progress}; should that export's lease run out (its instance stopped), it throws
     * {@link IdentitiesStalled}: roll back and settle once the identities were taken over ({@link #identitiesStalled}).
     * Call it in the transaction that marks the export ingested, under the study's lock, before marking it: its
     * decisions vanish with that transaction should it roll back, and no export of the study becomes ingested or
     * pending meanwhile.
     */
    public void settleDuplicates(String study, long exportId, RespondentWriter written, IdentityProgress progress) {
        settle(study, exportId, written::sortedIdentities, progress);
    }

    /**
     * As {@link #settleDuplicates(String, long, RespondentWriter, IdentityProgress)} then {@link #writeIdentities}, for an export
     * marked ingested with its identities pending, the export's identities read back from its rows.
     */
    public void settleDuplicates(String study, long exportId) {
        String owner = jdbc.queryForObject("select owner from survey_export where id = ?", String.class, exportId);
        try (IdentitySort identities = identitiesOf(exportId)) {
            settle(study, exportId, identities::sorted, IdentityProgress.LOOKING);
            if (!writeIdentities(study, exportId, owner, Duration.ofMinutes(1), identities.sorted(), false)) {
                throw new IllegalStateException("export " + exportId + " has no identities pending for " + owner
                        + ": mark it ingested first");
            }
        }
    }

    /** Distinct respondent ids settled per chunk (and so at most per query of stored identities). */
    static final int SETTLE_IDS = 500;

    /** @param identities the export's identities in key order */
    private void settle(String study, long exportId, Supplier<Iterator<StoredIdentity>> identities, IdentityProgress progress) {
        // with no other export of the study ingested, no response that counts can share an id with this one: only
        // the ids it repeats itself are decided, and no runs are read
        List<Long> others = othersIngested(study, exportId);
        if (!others.isEmpty()) {
            awaitNonePending(study, exportId, progress);
        }
        IdentityRuns.Merge merge = runs.merge(others);
        forEachChunk(identities.get(), chunk -> settleChunk(study, exportId, chunk, merge));
    }

    /** The study's ingested exports other than {@code exportId}. */
    private List<Long> othersIngested(String study, long exportId) {
        return jdbc.queryForList("select id from survey_export where study = ? and status = 'INGESTED' and id <> ? order by id",
                Long.class, study, exportId);
    }

    /**
     * Hands on an export's sorted identities a chunk at a time: {@link #settleIds} distinct ids, a chunk ending only
     * between two hashes, so the next chunk's hashes all lie above this one's (as a merge with the runs takes them).
     */
    private void forEachChunk(Iterator<StoredIdentity> sorted, Consumer<List<StoredIdentity>> consumer) {
        List<StoredIdentity> chunk = new ArrayList<>();
        int ids = 0;
        StoredIdentity previous = null;
        while (sorted.hasNext()) {
            StoredIdentity identity = sorted.next();
            boolean newId = previous == null || !identity.sameIdentity(previous);
            if (ids >= settleIds && previous.idHash() != identity.idHash()) {
                consumer.accept(chunk);
                chunk = new ArrayList<>();
                ids = 0;
            }
            chunk.add(identity);
            ids += newId ? 1 : 0;
            previous = identity;
        }
        if (!chunk.isEmpty()) {
            consumer.accept(chunk);
        }
    }

    /** How often a settling export looks again whether the identities it waits for are written, unless woken first. */
    static final Duration WAIT_PAUSE = Duration.ofMillis(50);

    /**
     * Returns once no other export of the study has its identities pending, so every ingested export's run and rows
     * are whole; throws {@link IdentitiesStalled} should one's lease have run out. No export of the study becomes
     * pending meanwhile: the caller holds the study's lock.
     */
    private void awaitNonePending(String study, long exportId, IdentityProgress progress) {
        while (true) {
            long seen = progress.seen();
            List<Pending> pending = jdbc.query("""
                    select id, case when lease_until is null or lease_until < ? then 1 else 0 end
                    from survey_export where study = ? and identities_pending and id <> ?""",
                    (rs, n) -> new Pending(rs.getLong(1), rs.getInt(2) == 1), Timestamp.from(Instant.now()), study, exportId);
            if (pending.isEmpty()) {
                return;
            }
            pending.stream().filter(Pending::stalled).findFirst().ifPresent(stalled -> {
                throw new IdentitiesStalled(stalled.exportId());
            });
            try {
                progress.awaitMore(seen, WAIT_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the identities being written", e);
            }
        }
    }

    /** An export whose identities are pending, and whether its lease ran out. */
    private record Pending(long exportId, boolean stalled) {
    }

    /**
     * An export of the study has its identities pending and its lease ran out: its instance stopped part-way, so a
     * settling export cannot wait for it until another instance took them over (see {@link #identitiesStalled}).
     */
    public static final class IdentitiesStalled extends RuntimeException {
        private final long exportId;

        IdentitiesStalled(long exportId) {
            super("the identities of export " + exportId + " are pending and its lease ran out");
            this.exportId = exportId;
        }

        public long exportId() {
            return exportId;
        }
    }

    /**
     * Settles the identities of a chunk of the export's (in key order) that the export repeats or shares with a
     * response of another ingested export ({@code merge} over their runs).
     */
    private void settleChunk(String study, long exportId, List<StoredIdentity> chunk, IdentityRuns.Merge merge) {
        Set<Identity> shared = new LinkedHashSet<>();
        Map<Identity, List<Identified>> own = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            StoredIdentity identity = chunk.get(i);
            Identity key = new Identity(identity.segment(), identity.respondentId());
            if (i > 0 && identity.sameIdentity(chunk.get(i - 1))) {
                shared.add(key);  // the export repeats it
            }
            // a response of an export being settled is no duplicate yet: its decisions are made here
            own.computeIfAbsent(key, k -> new ArrayList<>(1))
                    .add(new Identified(exportId, identity.row(), identity.endedAt(), false, null));
        }
        Map<Identity, List<Identified>> stored = stored(merge, chunk);
        stored.keySet().stream().filter(own::containsKey).forEach(shared::add);
        shared.forEach(identity -> {
            List<Identified> responses = new ArrayList<>(own.get(identity));
            responses.addAll(stored.getOrDefault(identity, List.of()));
            settle(study, exportId, false, responses);
        });
    }

    /**
     * The responses, with their decisions now, of the runs' identities that share a hash with the chunk (sorted; above
     * every hash of the chunks before it), by identity: every stored response of each identity of the chunk, and
     * some that only share a hash.
     */
    private Map<Identity, List<Identified>> stored(IdentityRuns.Merge merge, List<StoredIdentity> chunk) {
        long[] hashes = new long[chunk.size()];
        int count = 0;
        for (StoredIdentity identity : chunk) {
            if (count == 0 || hashes[count - 1] != identity.idHash()) {
                hashes[count++] = identity.idHash();
            }
        }
        List<Long> keys = merge.matches(hashes, count);
        Map<Identity, List<Identified>> stored = new HashMap<>();
        for (int from = 0; from < keys.size(); from += settleIds) {
            List<Long> some = keys.subList(from, Math.min(keys.size(), from + settleIds));
            jdbc.query("""
                    select i.segment, i.respondent_id, i.export_id, i.row_no, i.ended_at, d.row_no, d.decided_by
                    from respondent_identity i
                    left join respondent_duplicate d on d.export_id = i.export_id and d.row_no = i.row_no
                    where i.identity_key in (%s)""".formatted(String.join(", ", Collections.nCopies(some.size(), "?"))),
                    rs -> {
                        Timestamp ended = rs.getTimestamp(5);
                        stored.computeIfAbsent(new Identity(rs.getString(1), rs.getString(2)), k -> new ArrayList<>(1))
                                .add(new Identified(rs.getLong(3), rs.getLong(4), ended == null ? null : ended.toInstant(),
                                        rs.getObject(6) != null, (Long) rs.getObject(7, Long.class)));
                    }, some.toArray());
        }
        return stored;
    }

    /**
     * Adds a chunk of an export's identities to respondent_identity, the first at place {@code place} of its run: on
     * PostgreSQL with COPY (one statement for the chunk), elsewhere as a batch of inserts.
     */
    private void addIdentities(String study, long exportId, long place, List<StoredIdentity> chunk) {
        if (postgres()) {
            StringBuilder rows = new StringBuilder(chunk.size() * 72);
            for (int i = 0; i < chunk.size(); i++) {
                RespondentRows.identity(RespondentKey.of(exportId, place + i), study, exportId, chunk.get(i), rows);
            }
            CopyText.copy(jdbc, RespondentRows.IDENTITY_COLUMNS, rows);
            return;
        }
        jdbc.batchUpdate("""
                insert into respondent_identity (identity_key, study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", IntStream.range(0, chunk.size()).boxed().toList(), chunk.size(), (ps, i) -> {
            StoredIdentity identity = chunk.get(i);
            ps.setLong(1, RespondentKey.of(exportId, place + i));
            ps.setString(2, study);
            ps.setString(3, identity.segment());
            ps.setString(4, identity.respondentId());
            ps.setLong(5, exportId);
            ps.setLong(6, identity.row());
            if (identity.endedAt() == null) {
                ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(7, Timestamp.from(identity.endedAt()));
            }
            ps.setLong(8, identity.idHash());
        });
    }
    /** Rows of an export removed per transaction: bounds the rows a removal holds locked. */
    static final int SETTLE_ROWS = 5_000;

    /**
     * Runs {@code page} over an export's row numbers in ranges [from, to) of whole blocks, about SETTLE_ROWS rows each,
     * up to its last row: a page's rows are those of the blocks that start in it.
     */
    private void forEachPage(long exportId, java.util.function.BiConsumer<Long, Long> page) {
        List<Long> starts = jdbc.queryForList("""
                select first_row from respondent_block where block_key >= ? and block_key < ? order by block_key""",
                Long.class, RespondentKey.rangeOf(exportId));
        long from = 0;
        for (long start : starts) {
            if (start - from >= SETTLE_ROWS) {
                page.accept(from, start);
                from = start;
            }
        }
        if (!starts.isEmpty()) {
            page.accept(from, RespondentKey.ROWS);  // to the export's end
        }
    }

    /** A respondent's identity within a study: the same respondent id in the same segment. */
    private record Identity(String segment, String respondentId) {
    }

    /**
     * A response of an identity: where it is stored and when it ended; when a duplicate, the export that decided it
     * (null: decided before V19, or by {@link #markDuplicates}).
     */
    private record Identified(long exportId, long rowNo, Instant endedAt, boolean duplicate, Long decidedBy) {
    }

    /**
     * The rule's order among the responses of one identity: the last counts. A later end comes later, a missing end
     * first (oldest); on a tie, the later export, then the later row.
     */
    private static final Comparator<Identified> COUNTS_LAST = Comparator
            .comparing(Identified::endedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(Identified::exportId).thenComparingLong(Identified::rowNo);

    /** Removes an export's identities and its run, whatever of them there is. */
    private void removeIdentities(long exportId) {
        jdbc.update("delete from respondent_identity where identity_key >= ? and identity_key < ?", RespondentKey.rangeOf(exportId));
        runs.remove(exportId);
    }
    /**
     * Decides every response of an identity again, as the whole-study rule would: the one that comes last counts,
     * the others are duplicates. Only decisions that change are written, each by the row's primary key. A new
     * duplicate records the export that decided it (V19), so only a run covering that export leaves it out of its
     * files: {@code exportId} as it lands; as it is {@code removed}, the export of the response that counts now, which
     * also takes over the duplicates {@code exportId} decided (every run computed from then on covers it).
     */
    private void settle(String study, long exportId, boolean removed, List<Identified> responses) {
        if (responses.isEmpty()) {
            return;
        }
        Identified counts = responses.stream().max(COUNTS_LAST).orElseThrow();
        long decidedBy = removed ? counts.exportId() : exportId;
        List<Object[]> nowDuplicate = new ArrayList<>();
        List<Object[]> nowCounting = new ArrayList<>();
        List<Object[]> decidedAgain = new ArrayList<>();
        for (Identified response : responses) {
            boolean duplicate = response != counts;
            if (duplicate != response.duplicate()) {
                (duplicate ? nowDuplicate : nowCounting).add(new Object[] {response.exportId(), response.rowNo()});
            } else if (duplicate && removed && Long.valueOf(exportId).equals(response.decidedBy())) {
                decidedAgain.add(new Object[] {decidedBy, response.exportId(), response.rowNo()});
            }
        }
        jdbc.batchUpdate("delete from respondent_duplicate where export_id = ? and row_no = ?", nowCounting);
        jdbc.batchUpdate("insert into respondent_duplicate (export_id, row_no, study, decided_by) values (?, ?, ?, ?)",
                nowDuplicate.stream().map(key -> new Object[] {key[0], key[1], study, decidedBy}).toList());
        jdbc.batchUpdate("update respondent_duplicate set decided_by = ? where export_id = ? and row_no = ?", decidedAgain);
    }

    /**
     * Settles duplicates across the whole study from scratch, from its stored respondents (the rule of
     * {@link #settleDuplicates}, written on its own): the reference the incremental settling is checked against. Holds
     * one response per identity of the study in memory: for checks, not for the pipeline. It records no deciding export
     * (it decides from the stored rows, not in the order the exports landed), so every run's files leave these
     * duplicates out (see V19).
     */
    public void markDuplicates(String study) {
        Map<Identity, Response> counting = new HashMap<>();
        List<Object[]> duplicates = new ArrayList<>();
        blocks.forEach("b.study = ? and e.status = 'INGESTED'", block -> RespondentBlock.forEach(block.encoded(), row -> true, row -> {
            if (!row.included() || row.respondentId() == null || row.segment() == null) {
                return;
            }
            Identity identity = new Identity(row.segment(), row.respondentId());
            Response response = new Response(block.exportId(), row.row(), row.endedAt());
            Response other = counting.putIfAbsent(identity, response);
            if (other != null) {
                boolean responseCounts = comesLater(response, other);
                counting.put(identity, responseCounts ? response : other);
                Response duplicate = responseCounts ? other : response;
                duplicates.add(new Object[] {duplicate.exportId(), duplicate.row(), study});
            }
        }), study);
        jdbc.update("delete from respondent_duplicate where study = ?", study);
        jdbc.batchUpdate("insert into respondent_duplicate (export_id, row_no, study) values (?, ?, ?)", duplicates);
    }

    /** A stored response of an identity, for {@link #markDuplicates}. */
    private record Response(long exportId, long row, Instant endedAt) {
    }

    /** Whether {@code a} comes after {@code b}: a later end (a missing end is the oldest), then a later export, then row. */
    private static boolean comesLater(Response a, Response b) {
        if (!java.util.Objects.equals(a.endedAt(), b.endedAt())) {
            return b.endedAt() == null || (a.endedAt() != null && a.endedAt().isAfter(b.endedAt()));
        }
        return a.exportId() != b.exportId() ? a.exportId() > b.exportId() : a.row() > b.row();
    }
}
