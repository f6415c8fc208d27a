package dev.caregap.bench;

import dev.caregap.store.IdentityHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityLayoutsTest {

    @TempDir
    Path dir;

    /** Export 2 repeats a and c of export 1; export 3 repeats a (of both) and f (of export 2), f twice. */
    private static final List<IdentityLayouts.Ids> DROP = List.of(
            ids(1, "a", "b", "c", "d"),
            ids(2, "c", "e", "f", "a"),
            ids(3, "a", "g", "f", "h", "f"));

    @Test
    void theRepeatsOfAHandMadeDropAreCountedOncePerIdAndExport() {
        assertThat(IdentityLayouts.repeats(DROP)).isEqualTo(4);
    }

    @Test
    void theServicesHashIndexFindsEachRepeatOnce() throws Exception {
        assertThat(IdentityLayouts.measure(new IdentityLayouts.HashIndex(), dir.resolve("index"), DROP).found()).isEqualTo(4);
    }

    @Test
    void sortedRunsFindEachRepeatOnce() throws Exception {
        assertThat(IdentityLayouts.measure(new IdentityLayouts.SortedRuns(), dir.resolve("runs"), DROP).found()).isEqualTo(4);
    }

    @Test
    void twoIdsSharingAHashAreNoRepeatInEitherLayout() throws Exception {
        List<IdentityLayouts.Ids> shared = List.of(
                new IdentityLayouts.Ids(1, new long[] {5, 9}, new String[] {"x", "z"}),
                new IdentityLayouts.Ids(2, new long[] {5, 9}, new String[] {"y", "z"}));

        assertThat(IdentityLayouts.repeats(shared)).isEqualTo(1);
        assertThat(IdentityLayouts.measure(new IdentityLayouts.HashIndex(), dir.resolve("index"), shared).found()).isEqualTo(1);
        assertThat(IdentityLayouts.measure(new IdentityLayouts.SortedRuns(), dir.resolve("runs"), shared).found()).isEqualTo(1);
    }

    /** An export's ids in hash order, as the service sorts them. */
    private static IdentityLayouts.Ids ids(long export, String... ids) {
        String[] sorted = ids.clone();
        Arrays.sort(sorted, Comparator.comparingLong(IdentityHash::of).thenComparing(Comparator.naturalOrder()));
        return new IdentityLayouts.Ids(export, Arrays.stream(sorted).mapToLong(IdentityHash::of).toArray(), sorted);
    }
}
