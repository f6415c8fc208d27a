package dev.caregap.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Sorted runs of identity hashes, merged against ascending chunks of wanted hashes, checked against looking at every pair. */
class IdentityRunsTest {

    private final JdbcTemplate jdbc = database();

    @Test
    void aMergeFindsEveryStoredIdentityWithAWantedHashAcrossPiecesRepeatsAndChunksAsComparingEveryPairDoes() {
        long found = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            int pieceSize = 1 + random.nextInt(5);
            IdentityRuns runs = new IdentityRuns(jdbc, pieceSize);
            long[][] stored = new long[1 + random.nextInt(4)][];
            List<Long> exports = new ArrayList<>();
            for (int e = 0; e < stored.length; e++) {
                long export = seed * 10 + e;
                exports.add(export);
                stored[e] = hashes(random, random.nextInt(30));
                IdentityRuns.Writer writer = runs.writer(export);
                Arrays.stream(stored[e]).forEach(writer::add);
                writer.finish();
            }
            // distinct and ascending, in chunks each above the one before, as a settling export hands them on
            long[] wanted = new TreeSet<>(Arrays.stream(hashes(random, random.nextInt(30))).boxed().toList())
                    .stream().mapToLong(Long::longValue).toArray();
            IdentityRuns.Merge merge = runs.merge(exports);
            List<Long> merged = new ArrayList<>();
            for (int from = 0; from < wanted.length; ) {
                int to = Math.min(wanted.length, from + 1 + random.nextInt(4));
                merged.addAll(merge.matches(Arrays.copyOfRange(wanted, from, to), to - from));
                if (random.nextInt(3) == 0) {
                    merge.forgetPieces();  // read again where the merge is
                }
                from = to;
            }

            List<Long> everyPair = new ArrayList<>();
            for (int e = 0; e < stored.length; e++) {
                for (int place = 0; place < stored[e].length; place++) {
                    if (Arrays.binarySearch(wanted, stored[e][place]) >= 0) {
                        everyPair.add(RespondentKey.of(exports.get(e), place));
                    }
                }
            }
            assertThat(merged).as("seed %d, pieces of %d", seed, pieceSize).containsExactlyInAnyOrderElementsOf(everyPair);
            found += everyPair.size();
        }
        assertThat(found).as("the drops shared hashes").isGreaterThan(100);
    }

    @Test
    void aMergeOverMoreRunsThanOneQueryReadsFirstFindsTheMatchesOfEach() {
        IdentityRuns runs = new IdentityRuns(jdbc, 2);
        List<Long> exports = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (long export = 5_000; export < 5_000 + IdentityRuns.FIRST_PIECES * 2 + 7; export++) {
            exports.add(export);
            IdentityRuns.Writer writer = runs.writer(export);
            long[] hashes = {export % 3 - 1, 4, export % 5 + 10};  // 4 in every run, the others in some
            Arrays.sort(hashes);
            for (int place = 0; place < hashes.length; place++) {
                writer.add(hashes[place]);
                if (hashes[place] == 4 || hashes[place] == 11) {
                    expected.add(RespondentKey.of(export, place));
                }
            }
            writer.finish();
        }
        exports.add(99_999L);  // no run at all

        assertThat(runs.merge(exports).matches(new long[] {4, 11}, 2)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aRemovedRunIsMergedAsEmpty() {
        IdentityRuns runs = new IdentityRuns(jdbc, 2);
        IdentityRuns.Writer writer = runs.writer(7);
        for (long hash : new long[] {-5, 1, 1, 9}) {
            writer.add(hash);
        }
        writer.finish();
        assertThat(runs.merge(List.of(7L)).matches(new long[] {1, 9}, 2))
                .containsExactly(RespondentKey.of(7, 1), RespondentKey.of(7, 2), RespondentKey.of(7, 3));

        runs.remove(7);
        assertThat(runs.merge(List.of(7L)).matches(new long[] {1, 9}, 2)).isEmpty();
    }

    /** Hashes from a small range (so runs repeat and share them), both signs, sorted as a run holds them. */
    private static long[] hashes(Random random, int count) {
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = random.nextInt(41) - 20;
        }
        Arrays.sort(hashes);
        return hashes;
    }

    private static JdbcTemplate database() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:identity-runs-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(database);
    }
}
