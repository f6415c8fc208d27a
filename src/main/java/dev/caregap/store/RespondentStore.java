package dev.caregap.store;

import dev.caregap.respondent.Respondent;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
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
     * at a time, each page its own short transaction, so removing a big export never holds many rows locked. Whatever
     * of its identities are in respondent_identity go with its rows (none, some or all: see {@link #writeIdentities}).
     * Should the export have been ingested, the identities it shares with other exports' respondents are settled
     * again as its rows go, so no response stays a duplicate of a removed one.
     */
    public void deleteExport(long exportId) {
        boolean ingested = !jdbc.queryForList("select id from survey_export where id = ? and status = 'INGESTED'",
                Long.class, exportId).isEmpty();
        jdbc.update("delete from data_issue where export_id = ?", exportId);
        jdbc.update("delete from export_tallies where export_id = ?", exportId);
        String study = jdbc.queryForList("""
                select study from respondent_block where block_key >= ? and block_key < ? fetch first 1 rows only""",
                String.class, RespondentKey.rangeOf(exportId)).stream().findFirst().orElse(null);
        forEachPage(exportId, (from, to) -> readWrite.executeWithoutResult(status -> {
            List<StoredIdentity> identities = new ArrayList<>();
            identified(RespondentKey.before(exportId, from), RespondentKey.before(exportId, to),
                    row -> identities.add(new StoredIdentity(row.segment(), row.respondentId(), row.row(), null)));
            Set<Identity> shared = ingested ? sharedIdentities(study, exportId, identities) : Set.of();
            removeIdentities(study, exportId, identities);
            deleteRows(exportId, from, to);
            // its rows later in the export still count until their page goes
            shared.forEach(identity -> settle(study, exportId, true, responsesOf(study, exportId, identity,
                    indexed(study, identity, "i.export_id = ?", exportId))));
        }));
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

    /** Rows of an export looked at per query when its duplicates are settled: bounds the memory it takes. */
    static final int SETTLE_ROWS = 5_000;

    /**
     * Adds the identities of an export that counts already to respondent_identity: marked ingested with its
     * identities pending (ExportStore.markIngested), its duplicates settled from its own sorted identities against
     * those stored before it, so its run needs none of this. In key order (sorted as it was read), so the identity
     * index takes them in order and each of its pages is written once; in transactions of their own (on H2 a big
     * one is saved part-way and its commit, which goes over every row again, rewrites the index's pages). Each
     * transaction first renews the export's lease for {@code owner} and moves identities_through (V17) to its chunk's
     * last id hash, so a later export settles behind them (see {@link #settleDuplicates}); the last clears the pending
     * mark, so the mark is gone exactly when all are there. {@code chunkWritten} runs after each commit. Should the
     * work have been taken over meanwhile (the lease ran out and another instance writes them again from the export's
     * rows), it stops and leaves them to that instance.
     *
     * @param again some may be there already (a stop came part-way): each transaction removes those of its chunk first
     * @return whether this call wrote them to the end
     */
    boolean writeIdentities(String study, long exportId, String owner, Duration lease, Iterator<StoredIdentity> sorted,
                            boolean again) {
        return writeIdentities(study, exportId, owner, lease, sorted, again, () -> { });
    }

    boolean writeIdentities(String study, long exportId, String owner, Duration lease, Iterator<StoredIdentity> sorted,
                            boolean again, Runnable chunkWritten) {
        int perTransaction = identityChunk();
        List<StoredIdentity> chunk = new ArrayList<>();
        long written = 0;
        do {
            if (sorted.hasNext()) {
                chunk.add(sorted.next());
            }
            boolean last = !sorted.hasNext();
            if (last && postgres() && written + chunk.size() >= ANALYZE_AFTER) {
                // before the mark goes, so the study's next export settles with statistics that count them: committed
                // apart, a big export's identities may be most of the table before autovacuum counts them; with no
                // statistics PostgreSQL takes the settling's lookups of 500 ids for scans of the whole table (30 ms
                // each at 200,000 rows, 2 ms through the index)
                jdbc.execute("analyze respondent_identity");
            }
            if (chunk.size() == perTransaction || last) {
                boolean ours = Boolean.TRUE.equals(readWrite.execute(status -> {
                    if (!renew(exportId, owner, lease, chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).idHash())) {
                        return false;
                    }
                    if (again) {
                        removeIdentities(study, exportId, chunk);
                    }
                    if (!chunk.isEmpty()) {
                        addIdentities(study, exportId, chunk);
                    }
                    if (last) {
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

    /**
     * The identities of an export whose ingest transaction is committed, sorted as it was read, handed over from its
     * writer (which may close now) until they are written.
     */
    public PendingIdentities pendingIdentities(String study, long exportId, RespondentWriter written) {
        return new PendingIdentities(this, study, exportId, written.handOverIdentities());
    }

    /**
     * Keeps an export whose identities are pending {@code owner}'s for another lease, and counts them written through
     * {@code through} (unchanged when null) once the transaction commits; false when it is not {@code owner}'s.
     */
    private boolean renew(long exportId, String owner, Duration lease, Long through) {
        return jdbc.update("""
                update survey_export set lease_until = ?, identities_through = coalesce(?, identities_through)
                where id = ? and owner = ? and identities_pending""",
                Timestamp.from(Instant.now().plus(lease)), new SqlParameterValue(Types.BIGINT, through), exportId, owner) == 1;
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
     * first one), or null: its instance stopped, and no export of the study can settle behind it until another
     * instance took its identities over (see {@link #settleDuplicates}).
     */
    public Long identitiesStalled(String study, long exportId) {
        return jdbc.queryForList("""
                select id from survey_export where study = ? and identities_pending and id <> ?
                  and (lease_until is null or lease_until < ?) order by id fetch first 1 rows only""",
                Long.class, study, exportId, Timestamp.from(Instant.now())).stream().findFirst().orElse(null);
    }


    /**
     * Identities written per transaction. On H2 few: a chunk in key order touches only the index pages of its
     * stretch of keys, and its commit finds them still unsaved, so each is written once; a bigger chunk is saved
     * part-way once H2 holds too much unsaved, and its commit (which goes over each of its rows again) makes those
     * pages dirty anew. 30 exports of 20,000 on H2 took 54.8 s with 1,000, 63.3 s with 4,000, 68.3 s with 10,000;
     * writing the identities of one export of 1,000,000 took 10.6 s with 1,000 and 16.3 s with 16,000. With V11's
     * narrow index, 30 exports of 20,000 again: 52.8 s with 1,000, 54.3 s with 5,000, 57.7 s with 20,000. PostgreSQL
     * updates its index pages in place: {@link #batchRows()} a transaction, so fewer commits wait for the disk.
     */
    private int identityChunk() {
        return identityChunk > 0 ? identityChunk : postgres() ? batchRows() : IDENTITY_CHUNK;
    }

    static final int IDENTITY_CHUNK = 1_000;

    /** Identities an export writes from which PostgreSQL's statistics of respondent_identity are brought up to date. */
    static final int ANALYZE_AFTER = 10_000;

    /**
     * Settles duplicates (docs/analysis-rules.md, 2.6) as {@code exportId} becomes ingested, over that export's
     * respondent ids only: among included respondents of ingested exports with the same id in the same segment,
     * the latest end timestamp counts (on a tie, the later row of the export ingested last); the others are
     * duplicates. The export's identities (sorted as it was read) are gone along in key order, a chunk of ids at a
     * time: the ids the export repeats (next to each other in that order) and those it shares with a stored response
     * (one indexed lookup per chunk) are decided again, whole, from the export's own responses and those
     * respondent_identity holds of the others; every other identity keeps its decision, since its respondents did
     * not change. Exports join the ingested ones one at a time (a removed one is settled as it goes, see
     * deleteExport), so the result equals the rule applied over the whole study. An export of the study whose
     * identities are still being written is followed: each chunk is looked up once that export's identities are
     * written past the chunk's last id hash (identities_through, in the same order), waiting on {@code progress}
     * meanwhile, so the lookups see every identity they could find. Should such an export's lease run out (its
     * instance stopped), it throws {@link IdentitiesStalled}: roll back and settle once the identities were taken over
     * ({@link #identitiesStalled}). Call it in the transaction that marks the export ingested, under the study's lock,
     * before marking it: its decisions vanish with that transaction should it roll back, and no export of the study
     * becomes pending meanwhile.
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

    /** Distinct respondent ids looked up per query while an export's identities are settled. */
    static final int SETTLE_IDS = 500;

    /** @param identities the export's identities in key order */
    private void settle(String study, long exportId, Supplier<Iterator<StoredIdentity>> identities, IdentityProgress progress) {
        // with no other export of the study ingested, no response that counts can share an id with this one: only
        // the ids it repeats itself are decided, and no lookups are made
        boolean othersIngested = !jdbc.queryForList("""
                select id from survey_export where study = ? and status = 'INGESTED' and id <> ? fetch first 1 rows only""",
                Long.class, study, exportId).isEmpty();
        Iterator<StoredIdentity> sorted = identities.get();
        WrittenThrough writtenThrough = new WrittenThrough(study, exportId, progress);
        List<StoredIdentity> chunk = new ArrayList<>();
        int ids = 0;
        StoredIdentity previous = null;
        while (sorted.hasNext()) {
            StoredIdentity identity = sorted.next();
            boolean newId = previous == null || !identity.sameIdentity(previous);
            if (newId && ids == settleIds) {  // a chunk ends between two identities
                settleChunk(study, exportId, chunk, othersIngested, writtenThrough);
                chunk.clear();
                ids = 0;
            }
            chunk.add(identity);
            ids += newId ? 1 : 0;
            previous = identity;
        }
        if (!chunk.isEmpty()) {
            settleChunk(study, exportId, chunk, othersIngested, writtenThrough);
        }
    }

    /** How often a settling export looks again how far the identities it follows are written, unless woken first. */
    static final Duration FOLLOW_PAUSE = Duration.ofMillis(50);

    /**
     * The study's exports whose identities are still being written, as a settling export follows them: an id hash
     * every one of them is written past. Chunks come in key order, so it is looked up again only when a chunk goes
     * beyond it; and no export of the study becomes pending while one settles (it holds the study's lock).
     */
    private final class WrittenThrough {
        private final String study;
        private final long exportId;
        private final IdentityProgress progress;
        private boolean allWritten;
        private Long past;  // every pending export is written past this hash; null: not looked yet, or none past any

        WrittenThrough(String study, long exportId, IdentityProgress progress) {
            this.study = study;
            this.exportId = exportId;
            this.progress = progress;
        }

        /** Returns once every other pending export of the study is written past {@code idHash} (or written). */
        void await(long idHash) {
            while (!allWritten && (past == null || past <= idHash)) {
                long seen = progress.seen();
                look();
                if (allWritten || (past != null && past > idHash)) {
                    return;
                }
                try {
                    progress.awaitMore(seen, FOLLOW_PAUSE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while following the identities being written", e);
                }
            }
        }

        private void look() {
            List<Pending> pending = jdbc.query("""
                    select id, identities_through, case when lease_until is null or lease_until < ? then 1 else 0 end
                    from survey_export where study = ? and identities_pending and id <> ?""",
                    (rs, n) -> new Pending(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getInt(3) == 1),
                    Timestamp.from(Instant.now()), study, exportId);
            Long least = null;
            for (Pending export : pending) {
                if (export.stalled()) {
                    throw new IdentitiesStalled(export.exportId());
                }
                if (export.writtenThrough() == null) {  // none of its identities written yet
                    past = null;
                    return;
                }
                least = least == null ? export.writtenThrough() : Math.min(least, export.writtenThrough());
            }
            allWritten = pending.isEmpty();
            past = least;
        }
    }

    /** An export whose identities are pending: written through which id hash (null: none yet), its lease run out. */
    private record Pending(long exportId, Long writtenThrough, boolean stalled) {
    }

    /**
     * An export of the study has its identities pending and its lease ran out: its instance stopped part-way, so a
     * settling export cannot follow it until another instance took them over (see {@link #identitiesStalled}).
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
     * Settles the identities of a chunk of the export's (in key order) that the export repeats or, should
     * {@code othersIngested}, shares with a response stored before.
     */
    private void settleChunk(String study, long exportId, List<StoredIdentity> chunk, boolean othersIngested,
                             WrittenThrough writtenThrough) {
        Set<Identity> shared = new LinkedHashSet<>();
        Map<Identity, List<Identified>> own = new HashMap<>();
        Set<Long> ids = new LinkedHashSet<>();
        for (int i = 0; i < chunk.size(); i++) {
            StoredIdentity identity = chunk.get(i);
            Identity key = new Identity(identity.segment(), identity.respondentId());
            if (i > 0 && identity.sameIdentity(chunk.get(i - 1))) {
                shared.add(key);  // the export repeats it
            }
            // a response of an export being settled is no duplicate yet: its decisions are made here
            own.computeIfAbsent(key, k -> new ArrayList<>(1))
                    .add(new Identified(exportId, identity.row(), identity.endedAt(), false, null));
            ids.add(identity.idHash());
        }
        if (othersIngested) {
            writtenThrough.await(chunk.get(chunk.size() - 1).idHash());
            // the same ids stored by other exports, in one query through the index's first column (an export not
            // ingested may be among them: its identities are left out when the identity is decided)
            List<Object> parameters = new ArrayList<>(ids);
            parameters.add(study);
            parameters.add(exportId);
            jdbc.query("select distinct segment, respondent_id from respondent_identity where id_hash in ("
                            + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") and study = ? and export_id <> ?",
                    rs -> {
                        Identity stored = new Identity(rs.getString(1), rs.getString(2));
                        if (own.containsKey(stored)) {
                            shared.add(stored);
                        }
                    }, parameters.toArray());
        }
        shared.forEach(identity -> settle(study, exportId, false, responsesOf(study, exportId, identity, own.get(identity))));
    }

    /**
     * Adds a chunk of an export's identities to respondent_identity: on PostgreSQL with COPY (one statement for the
     * chunk), elsewhere as a batch of inserts.
     */
    private void addIdentities(String study, long exportId, List<StoredIdentity> chunk) {
        if (postgres()) {
            StringBuilder rows = new StringBuilder(chunk.size() * 64);
            chunk.forEach(identity -> RespondentRows.identity(study, exportId, identity, rows));
            CopyText.copy(jdbc, RespondentRows.IDENTITY_COLUMNS, rows);
            return;
        }
        jdbc.batchUpdate("""
                insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
                values (?, ?, ?, ?, ?, ?, ?)""", chunk, chunk.size(), (ps, identity) -> {
            ps.setString(1, study);
            ps.setString(2, identity.segment());
            ps.setString(3, identity.respondentId());
            ps.setLong(4, exportId);
            ps.setLong(5, identity.row());
            if (identity.endedAt() == null) {
                ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(6, Timestamp.from(identity.endedAt()));
            }
            ps.setLong(7, identity.idHash());
        });
    }

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

    /** Removes these identities of an export from respondent_identity, those that are there. */
    private void removeIdentities(String study, long exportId, List<StoredIdentity> identities) {
        jdbc.batchUpdate("""
                delete from respondent_identity
                where id_hash = ? and study = ? and segment = ? and respondent_id = ? and export_id = ? and row_no = ?""",
                identities.stream().map(identity -> new Object[] {identity.idHash(), study, identity.segment(),
                        identity.respondentId(), exportId, identity.row()}).toList());
    }

    /**
     * Those of {@code identities} (rows of export {@code exportId}) that another response in respondent_identity
     * shares, of another export or of this one: the only ones whose decision removing them can change (one of an
     * export not ingested is decided again for nothing). Looked up through the identity index, {@link #settleIds}
     * ids a query.
     */
    private Set<Identity> sharedIdentities(String study, long exportId, List<StoredIdentity> identities) {
        Map<Identity, Integer> ownResponses = new HashMap<>();
        Set<Identity> shared = new LinkedHashSet<>();
        List<Long> hashes = identities.stream().map(StoredIdentity::idHash).distinct().toList();
        Set<Identity> removed = new HashSet<>();
        identities.forEach(identity -> removed.add(new Identity(identity.segment(), identity.respondentId())));
        for (int from = 0; from < hashes.size(); from += settleIds) {
            List<Object> parameters = new ArrayList<>(hashes.subList(from, Math.min(hashes.size(), from + settleIds)));
            String marks = String.join(", ", Collections.nCopies(parameters.size(), "?"));
            parameters.add(study);
            jdbc.query("select segment, respondent_id, export_id from respondent_identity where id_hash in (" + marks
                            + ") and study = ?", rs -> {
                        Identity stored = new Identity(rs.getString(1), rs.getString(2));
                        // each removed row is one of its identity's responses: a second one of the export is another
                        if (removed.contains(stored)
                                && (rs.getLong(3) != exportId || ownResponses.merge(stored, 1, Integer::sum) > 1)) {
                            shared.add(stored);
                        }
                    }, parameters.toArray());
        }
        return shared;
    }

    /**
     * Every response of an identity with its decision now: {@code own}, those of the export being settled or removed,
     * and those of every other ingested export as respondent_identity holds them. Identities of exports not ingested
     * (being read elsewhere, or left by a stopped instance until their export is taken over) are left out.
     */
    private List<Identified> responsesOf(String study, long settling, Identity identity, List<Identified> own) {
        List<Identified> responses = new ArrayList<>(own);
        responses.addAll(indexed(study, identity, """
                i.export_id <> ? and exists (select 1 from survey_export e where e.id = i.export_id and e.status = 'INGESTED')""",
                settling));
        return responses;
    }

    /** The responses of an identity in respondent_identity that {@code which} (SQL over i, one parameter) picks. */
    private List<Identified> indexed(String study, Identity identity, String which, long export) {
        return jdbc.query("""
                select i.export_id, i.row_no, i.ended_at, d.row_no, d.decided_by from respondent_identity i
                left join respondent_duplicate d on d.export_id = i.export_id and d.row_no = i.row_no
                where i.id_hash = ? and i.study = ? and i.segment = ? and i.respondent_id = ? and\s""" + which,
                (rs, i) -> {
                    Timestamp ended = rs.getTimestamp(3);
                    return new Identified(rs.getLong(1), rs.getLong(2), ended == null ? null : ended.toInstant(),
                            rs.getObject(4) != null, (Long) rs.getObject(5, Long.class));
                }, IdentityHash.of(identity.respondentId()), study, identity.segment(), identity.respondentId(), export);
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
