package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitySortTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void identitiesComeBackInTheIndexsOrderOfIdHashThenIdWhetherHeldInMemoryOrMergedFromRunFiles() {
        Random random = new Random(7);
        List<Respondent> read = new ArrayList<>();
        for (long row = 1; row <= 1_000; row++) {
            // some ids with letters outside ASCII, one outside the Basic Multilingual Plane: the run files keep them whole
            read.add(respondent(row, "R_" + Long.toString(random.nextLong() & 0xffffffL, 36) + (random.nextInt(9) == 0 ? "" : "x")
                            + (random.nextInt(7) == 0 ? "é_Ж_\uD83D\uDE00" : ""),
                    random.nextInt(4) == 0 ? "business" : "consumer", random.nextInt(5) == 0 ? null : T0.plusNanos(random.nextInt(1000)), null));
        }
        read.add(respondent(1_001, read.get(10).respondentId(), read.get(10).segment(), null, null));
        List<StoredIdentity> expected = read.stream()
                .map(r -> new StoredIdentity(r.segment(), r.respondentId(), r.row(), r.endedAt()))
                .sorted(Comparator.comparingLong((StoredIdentity i) -> IdentityHash.of(i.respondentId()))
                        .thenComparing(StoredIdentity::respondentId).thenComparing(StoredIdentity::segment)
                        .thenComparingLong(StoredIdentity::row))
                .toList();
        for (int run : new int[] {5_000, 1_000, 64, 1}) {
            try (IdentitySort sort = new IdentitySort(run)) {
                read.forEach(sort::add);
                assertThat(list(sort.sorted())).as("runs of %d", run).isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyIncludedRespondentsWithAnIdAndASegmentHaveAnIdentityAndLongIdsAreKeptAsStored() {
        String longId = "R".repeat(250);
        try (IdentitySort sort = new IdentitySort(2)) {
            sort.add(respondent(1, "R1", "consumer", T0, Exclusion.INCOMPLETE));
            sort.add(respondent(2, null, "consumer", T0, null));
            sort.add(respondent(3, "R3", null, T0, Exclusion.NO_SEGMENT));
            sort.add(respondent(4, longId, "consumer", null, null));
            sort.add(respondent(5, "R5", "consumer", T0, null));
            // as respondent.respondent_id holds it: 199 characters and an ellipsis
            assertThat(list(sort.sorted())).containsExactlyInAnyOrder(
                    new StoredIdentity("consumer", "R5", 5, T0),
                    new StoredIdentity("consumer", "R".repeat(199) + "…", 4, null));
        }
    }

    /** Two ids may share a hash: each id's identities still come together, ordered by the id, in memory and from files. */
    @Test
    void idsSharingAHashStayApartEachWithItsOwnIdentitiesTogether() {
        List<StoredIdentity> shared = List.of(new StoredIdentity("consumer", "RB", 42, 1, T0),
                new StoredIdentity("consumer", "RA", 42, 2, T0), new StoredIdentity("consumer", "RB", 42, 3, null),
                new StoredIdentity("business", "RA", 42, 4, T0), new StoredIdentity("consumer", "RC", 41, 5, T0));
        for (int run : new int[] {100, 1}) {
            try (IdentitySort sort = new IdentitySort(run)) {
                shared.forEach(sort::add);
                assertThat(list(sort.sorted())).as("runs of %d", run).extracting(i -> i.respondentId() + ":" + i.row())
                        .containsExactly("RC:5", "RA:4", "RA:2", "RB:1", "RB:3");
            }
        }
    }

    /**
     * Hashes that differ only in their lowest bits (the sort keys identities by their hash's top bits and their
     * place), or in sign, and ids and segments that repeat: any run size gives the order of the hash, the id, the
     * segment and the row, compared one by one.
     */
    @Property(tries = 200)
    void anyHashesComeBackInTheOrderOfHashIdSegmentAndRowWhateverTheRunSize(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 11) Integer> hashes,
            @ForAll @IntRange(min = 1, max = 70) int run, @ForAll Random random) {
        long[] near = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -65_537, -65_536, -1, 0, 1, 2, 65_535, 65_536,
                Long.MAX_VALUE - 1, Long.MAX_VALUE};
        List<StoredIdentity> identities = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            identities.add(new StoredIdentity(random.nextBoolean() ? "consumer" : "business", "R" + random.nextInt(4),
                    near[hashes.get(i)], i + 1, random.nextBoolean() ? null : T0.plusSeconds(i)));
        }
        List<StoredIdentity> expected = identities.stream()
                .sorted(Comparator.comparingLong(StoredIdentity::idHash).thenComparing(StoredIdentity::respondentId)
                        .thenComparing(StoredIdentity::segment).thenComparingLong(StoredIdentity::row))
                .toList();
        try (IdentitySort sort = new IdentitySort(run)) {
            identities.forEach(sort::add);
            assertThat(list(sort.sorted())).isEqualTo(expected);
        }
    }

    /** Stored ids are at most 200 characters; the run files still take back any text whole, past their buffer. */
    @Test
    void aTextLongerThanTheRunReadersBufferComesBackWhole() {
        StoredIdentity longId = new StoredIdentity("consumer", "R".repeat(70_000) + "é", 5, 1, T0);
        StoredIdentity shortId = new StoredIdentity("consumer", "R2", 6, 2, null);
        try (IdentitySort sort = new IdentitySort(1)) {
            sort.add(shortId);
            sort.add(longId);
            assertThat(list(sort.sorted())).containsExactly(longId, shortId);
        }
    }

    @Test
    void theRunFilesAreRemovedOnClose() throws IOException {
        Path folder;
        try (IdentitySort sort = new IdentitySort(3)) {
            for (long row = 1; row <= 10; row++) {
                sort.add(respondent(row, "R" + (20 - row), "consumer", T0, null));
            }
            Iterator<StoredIdentity> sorted = sort.sorted();
            assertThat(sorted.next().respondentId()).isEqualTo(IntStream.rangeClosed(10, 19).mapToObj(i -> "R" + i)
                    .min(Comparator.comparingLong(IdentityHash::of)).orElseThrow());
            folder = temporaryFolders().stream().filter(p -> Files.exists(p)).findFirst().orElseThrow();
            try (Stream<Path> runs = Files.list(folder)) {
                assertThat(runs.count()).isEqualTo(4);
            }
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void runFilesAKilledServiceLeftADayAgoAreRemovedByTheNextSortThatSpillsAndRecentOnesKept() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createTempDirectory(temporary, IdentitySort.PREFIX);
        Files.writeString(stale.resolve("run-0"), "left by a killed service");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.createTempDirectory(temporary, IdentitySort.PREFIX);
        try (IdentitySort sort = new IdentitySort(1)) {
            sort.add(respondent(1, "R1", "consumer", T0, null));
            sort.add(respondent(2, "R2", "consumer", T0, null));
            assertThat(list(sort.sorted())).hasSize(2);
            assertThat(recent).as("another sort's folder, in use").exists();
        } finally {
            Files.deleteIfExists(recent);
        }
        assertThat(stale).doesNotExist();
    }

    private static List<Path> temporaryFolders() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(IdentitySort.PREFIX))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
        }
    }

    private static List<StoredIdentity> list(Iterator<StoredIdentity> sorted) {
        List<StoredIdentity> all = new ArrayList<>();
        sorted.forEachRemaining(all::add);
        return all;
    }

    private static Respondent respondent(long row, String id, String segment, Instant ended, Exclusion exclusion) {
        return new Respondent(row, id, segment, ended, 1.0, exclusion, List.of(Answer.choice("C_CARE", 5)));
    }
}
