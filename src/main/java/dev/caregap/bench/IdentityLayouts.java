package dev.caregap.bench;

import dev.caregap.results.Folders;
import dev.caregap.store.IdentityHash;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;

/**
 * The benchmark mode {@code identity-layouts}: what settling duplicates and writing identities cost on H2, K exports
 * of M respondent ids one after another, in two layouts side by side. The anchor is the service's before V21: every
 * identity in one table with an index on the id's hash, looked up 500 ids a query and written 1,000 a transaction
 * in hash order (respondent_identity from V14 to V20). The other keeps each export's identities as one sorted run, a binary
 * value of (hash, row) pairs, and its rows keyed by export and row, so they go in in order; a new export merge-joins
 * its sorted hashes against every stored run and reads only the rows whose hash matched. Each export repeats 1% of
 * an earlier export's ids, so both must find the same repeats. Measured apart from the service, on tables of its own
 * (V21 brought the sorted runs into the service, a run holding only the hashes, see store/IdentityRuns).
 */
@Component
@Profile("benchmark")
class IdentityLayouts {

    private static final String STUDY = "care-gap";
    private static final String SEGMENT = "consumer";
    private static final int LOOKUP_IDS = 500;
    private static final int CHUNK = 1_000;
    private static final int PAIR = 16;

    private final long respondents;
    private final int exports;
    private final Path workFolder;

    IdentityLayouts(@Value("${caregap.benchmark.respondents:20000}") long respondents,
                    @Value("${caregap.benchmark.exports:30}") int exports,
                    @Value("${caregap.benchmark.folder}") Path workFolder) {
        this.respondents = respondents;
        this.exports = exports;
        this.workFolder = workFolder;
    }

    /** One export's ids, sorted by hash as the service sorts them. */
    record Ids(long export, long[] hashes, String[] ids) {
    }

    record Cost(double lookups, double writes, double first, double last, long found) {
        double total() {
            return lookups + writes;
        }
    }

    void run() throws Exception {
        if (respondents > Integer.MAX_VALUE / PAIR) {
            throw new IllegalArgumentException("caregap.benchmark.respondents is at most " + Integer.MAX_VALUE / PAIR + " here");
        }
        List<Ids> drop = generate();
        Path folder = Files.createDirectories(workFolder.resolve("identity-layouts-" + UUID.randomUUID()));
        try {
            Cost index = measure(new HashIndex(), folder.resolve("hash-index"), drop);
            Cost runs = measure(new SortedRuns(), folder.resolve("sorted-runs"), drop);
            System.out.printf(Locale.ROOT, """
                    identity layouts: %d exports of %,d respondent ids on H2, each repeating 1%% of an earlier export's
                      layout                      lookups    writes     all        first export  last export  repeats found
                      hash index (V14 to V20)     %7.2f s  %7.2f s  %7.2f s  %9.3f s  %9.3f s   %,d
                      sorted run per export       %7.2f s  %7.2f s  %7.2f s  %9.3f s  %9.3f s   %,d
                      ratio sorted runs / hash index: %.2fx
                    """, exports, respondents, index.lookups, index.writes, index.total(), index.first, index.last, index.found,
                    runs.lookups, runs.writes, runs.total(), runs.first, runs.last, runs.found, runs.total() / index.total());
            long repeats = repeats(drop);
            if (index.found != repeats || runs.found != repeats) {
                throw new IllegalStateException("The layouts found " + index.found + " and " + runs.found
                        + " repeats, where the exports repeat " + repeats + " ids");
            }
        } finally {
            Folders.delete(folder);
        }
    }

    /** The ids of each export that an earlier one holds too (each counted once per export), counted apart. */
    static long repeats(List<Ids> drop) {
        Set<String> earlier = new HashSet<>();
        long repeats = 0;
        for (Ids export : drop) {
            Set<String> own = new HashSet<>(Arrays.asList(export.ids));
            repeats += own.stream().filter(earlier::contains).count();
            earlier.addAll(own);
        }
        return repeats;
    }

    /** Scattered ids as real ones are; from the second export on, 1% are ids of a random earlier export. */
    private List<Ids> generate() {
        Random random = new Random(42);
        List<Ids> drop = new ArrayList<>();
        for (int e = 1; e <= exports; e++) {
            String[] ids = new String[(int) respondents];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = e > 1 && random.nextInt(100) == 0
                        ? drop.get(random.nextInt(e - 1)).ids[random.nextInt((int) respondents)]
                        : "R_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            }
            Integer[] order = new Integer[ids.length];
            long[] unsorted = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                order[i] = i;
                unsorted[i] = IdentityHash.of(ids[i]);
            }
            Arrays.sort(order, Comparator.<Integer>comparingLong(i -> unsorted[i]).thenComparing(i -> ids[i]));
            long[] hashes = new long[ids.length];
            String[] sortedIds = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                hashes[i] = unsorted[order[i]];
                sortedIds[i] = ids[order[i]];
            }
            drop.add(new Ids(e, hashes, sortedIds));
        }
        return drop;
    }

    static Cost measure(Layout layout, Path folder, List<Ids> drop) throws SQLException {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("caregap") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        double lookups = 0;
        double writes = 0;
        double first = 0;
        double last = 0;
        long found = 0;
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            try (Statement ddl = db.createStatement()) {
                for (String statement : layout.schema()) {
                    ddl.execute(statement);
                }
            }
            db.setAutoCommit(false);
            for (Ids export : drop) {
                long start = System.nanoTime();
                found += layout.repeats(db, export);
                db.commit();
                long looked = System.nanoTime();
                layout.write(db, export);
                db.commit();
                long written = System.nanoTime();
                lookups += (looked - start) / 1e9;
                writes += (written - looked) / 1e9;
                double cost = (written - start) / 1e9;
                first = export.export == 1 ? cost : first;
                last = cost;
            }
        }
        return new Cost(lookups, writes, first, last, found);
    }

    /** Sets the parameters of row {@code i}. */
    private interface RowBinder {
        void bind(PreparedStatement insert, int i) throws SQLException;
    }

    /** Inserts {@code rows} rows, a transaction every {@link #CHUNK}, as the service writes identities on H2. */
    private static void insertInChunks(Connection db, String sql, int rows, RowBinder binder) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                binder.bind(insert, i);
                insert.addBatch();
                if ((i + 1) % CHUNK == 0 || i == rows - 1) {
                    insert.executeBatch();
                    db.commit();
                }
            }
        }
    }

    interface Layout {
        List<String> schema();

        /** How many of the export's ids a stored export holds too. */
        long repeats(Connection db, Ids export) throws SQLException;

        void write(Connection db, Ids export) throws SQLException;
    }

    /** The service's layout from V14 to V20: respondent_identity with one index on the id's hash. */
    static final class HashIndex implements Layout {

        @Override
        public List<String> schema() {
            return List.of("""
                    create table respondent_identity (study varchar(64) not null, segment varchar(64),
                      respondent_id varchar(200) not null, export_id bigint not null, row_no bigint not null,
                      ended_at timestamp with time zone, id_hash bigint not null)""",
                    "create index respondent_identity_by_hash on respondent_identity (id_hash)");
        }

        @Override
        public long repeats(Connection db, Ids export) throws SQLException {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < export.ids.length; from += LOOKUP_IDS) {
                int to = Math.min(from + LOOKUP_IDS, export.ids.length);
                Set<String> own = new HashSet<>(Arrays.asList(export.ids).subList(from, to));
                String marks = String.join(", ", Collections.nCopies(to - from, "?"));
                try (PreparedStatement query = db.prepareStatement("select distinct segment, respondent_id from respondent_identity"
                        + " where id_hash in (" + marks + ") and study = ? and export_id <> ?")) {
                    int p = 1;
                    for (int i = from; i < to; i++) {
                        query.setLong(p++, export.hashes[i]);
                    }
                    query.setString(p++, STUDY);
                    query.setLong(p, export.export);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            if (SEGMENT.equals(rs.getString(1)) && own.contains(rs.getString(2))) {
                                found.add(rs.getString(2));
                            }
                        }
                    }
                }
            }
            return found.size();
        }

        @Override
        public void write(Connection db, Ids export) throws SQLException {
            insertInChunks(db, """
                    insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at, id_hash)
                    values (?, ?, ?, ?, ?, null, ?)""", export.ids.length, (insert, i) -> {
                insert.setString(1, STUDY);
                insert.setString(2, SEGMENT);
                insert.setString(3, export.ids[i]);
                insert.setLong(4, export.export);
                insert.setLong(5, i);
                insert.setLong(6, export.hashes[i]);
            });
        }
    }

    /** Each export's identities as one sorted run of (hash, row) pairs; its rows keyed by export and row. */
    static final class SortedRuns implements Layout {

        @Override
        public List<String> schema() {
            return List.of("""
                    create table identity_row (identity_key bigint primary key, study varchar(64) not null,
                      segment varchar(64), respondent_id varchar(200) not null, ended_at timestamp with time zone)""",
                    "create table identity_run (export_id bigint primary key, study varchar(64) not null, pairs varbinary not null)");
        }

        @Override
        public long repeats(Connection db, Ids export) throws SQLException {
            List<Long> candidates = new ArrayList<>();
            List<String> theirIds = new ArrayList<>();
            try (PreparedStatement runs = db.prepareStatement("select export_id, pairs from identity_run where study = ? and export_id <> ?")) {
                runs.setString(1, STUDY);
                runs.setLong(2, export.export);
                try (ResultSet rs = runs.executeQuery()) {
                    while (rs.next()) {
                        long stored = rs.getLong(1);
                        ByteBuffer pairs = ByteBuffer.wrap(rs.getBytes(2));
                        int n = pairs.remaining() / PAIR;
                        int i = 0;
                        int j = 0;
                        while (i < export.hashes.length && j < n) {
                            long theirs = pairs.getLong(j * PAIR);
                            long ours = export.hashes[i];
                            if (theirs < ours) {
                                j++;
                            } else if (theirs > ours) {
                                i++;
                            } else {
                                // every pair of equal hashes: the ids are compared once their rows are read
                                for (int k = i; k < export.hashes.length && export.hashes[k] == ours; k++) {
                                    candidates.add((stored << 32) + pairs.getLong(j * PAIR + 8));
                                    theirIds.add(export.ids[k]);
                                }
                                j++;
                            }
                        }
                    }
                }
            }
            return confirmed(db, candidates, theirIds);
        }

        /** The candidates whose stored row holds the same id: the distinct ids of the export found stored. */
        private static long confirmed(Connection db, List<Long> keys, List<String> ids) throws SQLException {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < keys.size(); from += LOOKUP_IDS) {
                int to = Math.min(from + LOOKUP_IDS, keys.size());
                Map<Long, List<String>> wanted = new HashMap<>();
                for (int i = from; i < to; i++) {
                    wanted.computeIfAbsent(keys.get(i), key -> new ArrayList<>()).add(ids.get(i));
                }
                String marks = String.join(", ", Collections.nCopies(wanted.size(), "?"));
                try (PreparedStatement rows = db.prepareStatement("select identity_key, segment, respondent_id from identity_row"
                        + " where identity_key in (" + marks + ")")) {
                    int p = 1;
                    for (long key : wanted.keySet()) {
                        rows.setLong(p++, key);
                    }
                    try (ResultSet rs = rows.executeQuery()) {
                        while (rs.next()) {
                            String id = rs.getString(3);
                            if (SEGMENT.equals(rs.getString(2)) && wanted.get(rs.getLong(1)).contains(id)) {
                                found.add(id);
                            }
                        }
                    }
                }
            }
            return found.size();
        }

        @Override
        public void write(Connection db, Ids export) throws SQLException {
            // an id's row is its place in hash order here, so the rows' keys ascend as they are written
            insertInChunks(db, "insert into identity_row (identity_key, study, segment, respondent_id, ended_at) values (?, ?, ?, ?, null)",
                    export.ids.length, (insert, i) -> {
                        insert.setLong(1, (export.export << 32) + i);
                        insert.setString(2, STUDY);
                        insert.setString(3, SEGMENT);
                        insert.setString(4, export.ids[i]);
                    });
            ByteBuffer pairs = ByteBuffer.allocate(export.ids.length * PAIR);
            for (int i = 0; i < export.ids.length; i++) {
                pairs.putLong(export.hashes[i]).putLong(i);
            }
            try (PreparedStatement insert = db.prepareStatement("insert into identity_run (export_id, study, pairs) values (?, ?, ?)")) {
                insert.setLong(1, export.export);
                insert.setString(2, STUDY);
                insert.setBytes(3, pairs.array());
                insert.executeUpdate();
            }
        }
    }
}
