package dev.caregap.results;

import dev.caregap.cleaning.Cleaner;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.ResponseSource;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.caregap.results.RunFixtures.CARE_GAP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * responses.csv put together from each export's file of rows equals, byte for byte, responses.csv written from the
 * included respondents as the database streams them: on the five sample files (whose consumers repeat across
 * exports) read as the service reads them, with a formula-like answer and file name; whether the files were written
 * while reading, are missing, cut short or only half-written.
 */
class CombinedResponsesTest {

    static final List<String> FILES = List.of("qualtrics-consumers.csv", "surveymonkey-business.csv",
            "qualtrics-consumers-numeric.csv", "google-forms-consumers.csv", "tidy-business.csv");
    static final String FORMULA_FILE = "=cmd|' /C calc'!A0, \"quoted\".csv";

    @TempDir
    Path folder;

    ExportResponses cache;
    Database database;

    @BeforeEach
    void readTheSampleFiles() {
        cache = new ExportResponses(folder.resolve("data/responses"));
        database = Database.of(CARE_GAP);
    }

    @Test
    void theSampleFilesHaveDuplicatesAcrossExports() {
        Set<Long> exportsWithDuplicates = database.duplicates.keySet();
        assertThat(database.duplicates.values().stream().mapToInt(Set::size).sum()).isGreaterThan(0);
        assertThat(exportsWithDuplicates).as("a respondent of an earlier export is repeated in a later one")
                .anyMatch(e -> e < database.exports.size());
    }

    @Test
    void filesWrittenWhileReadingCombineToResponsesCsvAsTheDatabaseWritesIt() throws IOException {
        database.writeWhileReading(cache);
        long rows = ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        long expected = ResponsesCsv.write(folder.resolve("expected.csv"), CARE_GAP, database.included());
        assertThat(rows).isEqualTo(expected).isEqualTo(database.includedCount());
        assertSameBytes(folder.resolve("combined.csv"), folder.resolve("expected.csv"));
        assertThat(database.countedInCalls).as("nothing read again from the database").isEmpty();
    }

    @Test
    void theRowsThatAreDuplicatesNowAreLeftOut() throws IOException {
        database.writeWhileReading(cache);
        Map.Entry<Long, Set<Long>> some = database.duplicates.entrySet().iterator().next();
        long row = some.getValue().iterator().next();
        String written = Files.readString(cache.file(CARE_GAP, some.getKey(), "hash-" + some.getKey()));
        assertThat(written).contains("\"" + row + "\",");
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        String fileCell = SafeCsv.leadingCell(database.exports.get((int) (some.getKey() - 1)).fileName());
        assertThat(Files.readString(folder.resolve("combined.csv"))).doesNotContain("\r\n" + fileCell + "\"" + row + "\",");
    }

    @Test
    void aMissingFileIsWrittenAgainFromTheDatabase() throws IOException {
        database.writeWhileReading(cache);
        Files.delete(cache.file(CARE_GAP, 3, "hash-" + 3));
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        ResponsesCsv.write(folder.resolve("expected.csv"), CARE_GAP, database.included());
        assertSameBytes(folder.resolve("combined.csv"), folder.resolve("expected.csv"));
        assertThat(database.countedInCalls).containsExactly(3L);
        assertThat(cache.file(CARE_GAP, 3, "hash-" + 3)).exists();
    }

    @Test
    void exportsStoredBeforeFilesWereKeptAreAllWrittenFromTheDatabase() throws IOException {
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        ResponsesCsv.write(folder.resolve("expected.csv"), CARE_GAP, database.included());
        assertSameBytes(folder.resolve("combined.csv"), folder.resolve("expected.csv"));
        assertThat(database.countedInCalls).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aFileCutShortIsWrittenAgainAndWhatWasCopiedOfItTakenBack() throws IOException {
        database.writeWhileReading(cache);
        Path file = cache.file(CARE_GAP, 1, "hash-" + 1);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        ResponsesCsv.write(folder.resolve("expected.csv"), CARE_GAP, database.included());
        assertSameBytes(folder.resolve("combined.csv"), folder.resolve("expected.csv"));
        assertThat(database.countedInCalls).containsExactly(1L);
        assertThat(Files.readAllBytes(file)).isEqualTo(whole);
    }

    @Test
    void aHalfWrittenPartialIsIgnoredAndItsExportWrittenFromTheDatabase() throws IOException {
        database.writeWhileReading(cache);
        Files.delete(cache.file(CARE_GAP, 2, "hash-" + 2));
        // a writer that stopped part-way (the instance died before the export was stored and the file renamed)
        ExportResponses.Writer stopped = cache.writer(CARE_GAP, 2, "hash-2", r -> true);
        database.reads.get(2L).stream().limit(5).forEach(stopped::add);
        try (Stream<Path> files = Files.list(cache.file(CARE_GAP, 2, "hash-" + 2).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("export-2-hash-2.csv.") && n.endsWith(".partial"));
        }
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        ResponsesCsv.write(folder.resolve("expected.csv"), CARE_GAP, database.included());
        assertSameBytes(folder.resolve("combined.csv"), folder.resolve("expected.csv"));
        assertThat(database.countedInCalls).containsExactly(2L);
        stopped.close();
    }

    @Test
    void aWriterClosedWithoutCompletingLeavesNoFile() throws IOException {
        try (ExportResponses.Writer writer = cache.writer(CARE_GAP, 7, "hash-7", r -> true)) {
            database.reads.get(1L).forEach(writer::add);
        }
        try (Stream<Path> files = Files.list(cache.file(CARE_GAP, 7, "hash-" + 7).getParent())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anExportWithARespondentTheDatabaseWouldNotGiveBackAsItIsGetsNoFile() {
        try (ExportResponses.Writer writer = cache.writer(CARE_GAP, 7, "hash-7", r -> !"R_odd".equals(r.respondentId()))) {
            writer.add(RunFixtures.CONSUMER);
            writer.add(new Respondent(9, "R_odd", "consumer", null, 1.0, null, List.of()));
            assertThat(writer.complete()).isFalse();
        }
        assertThat(cache.file(CARE_GAP, 7, "hash-" + 7)).doesNotExist();
    }

    @Test
    void partialsLeftADayAgoAreRemovedAndNewerOnesKept() throws IOException {
        database.writeWhileReading(cache);
        Path folderOfStudy = cache.file(CARE_GAP, 1, "hash-" + 1).getParent();
        Path old = Files.writeString(folderOfStudy.resolve("export-9-hash-9.csv.a.partial"), "\"1\",");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(folderOfStudy.resolve("export-10-hash-10.csv.b.partial"), "\"1\",");
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void aStudyWhoseOptionTextsChangedWritesItsRowsAnewWithTheNewTexts() throws IOException {
        database.writeWhileReading(cache);
        Study renamed = StudyDefinitions.read(renamedOption(folder));
        assertThat(cache.file(renamed, 1, "hash-1").getParent()).isNotEqualTo(cache.file(CARE_GAP, 1, "hash-1").getParent());
        Database underNewDefinition = Database.of(renamed);
        long rows = ResponsesCsv.combine(folder.resolve("combined.csv"), renamed, underNewDefinition, cache);
        assertThat(underNewDefinition.countedInCalls).as("every export written again from the database")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows).isEqualTo(underNewDefinition.includedCount());
        String combined = Files.readString(folder.resolve("combined.csv"));
        assertThat(combined).contains("\"Kingdom of Great Britain\"").doesNotContain("\"United Kingdom\"");
        ResponsesCsv.write(folder.resolve("expected.csv"), renamed, underNewDefinition.included());
        assertSameBytes(folder.resolve("combined.csv"), folder.resolve("expected.csv"));
    }

    @Test
    void folderOfAnEarlierDefinitionUnusedForADayIsRemovedARecentOneKept() throws IOException {
        database.writeWhileReading(cache);
        Path current = cache.file(CARE_GAP, 1, "hash-1").getParent();
        Path earlier = Files.createDirectory(current.resolveSibling("columns-0123456789abcdef"));
        Files.writeString(earlier.resolve("export-1-hash-1.csv"), "\"1\",");
        Files.setLastModifiedTime(earlier, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.createDirectory(current.resolveSibling("columns-fedcba9876543210"));
        ResponsesCsv.combine(folder.resolve("combined.csv"), CARE_GAP, database, cache);
        assertThat(earlier).doesNotExist();
        assertThat(recent).exists();
        assertThat(cache.file(CARE_GAP, 1, "hash-1")).exists();
    }

    /** The care-gap study with the option "United Kingdom" renamed: its responses.csv shows other texts. */
    private static Path renamedOption(Path folder) throws IOException {
        String definition = Files.readString(Path.of("studies/care-gap.yaml"));
        assertThat(definition).contains("text: United Kingdom");
        return Files.writeString(folder.resolve("care-gap.yaml"),
                definition.replace("text: United Kingdom", "text: Kingdom of Great Britain"));
    }

    @Test
    void rowsReadBackFromResponsesCsvAreTheCellsAsWrittenBeforeTheyWereKeptFromFormulas() throws IOException {
        database.writeWhileReading(cache);
        Path combined = folder.resolve("combined.csv");
        long rows = ResponsesCsv.combine(combined, CARE_GAP, database, cache);
        List<List<String>> expected = new ArrayList<>();
        database.included().forEach((file, r) -> expected.add(ResponsesCsv.cells(CARE_GAP, file, r)));
        List<List<String>> read = new ArrayList<>();
        assertThat(ResponsesCsv.rows(combined, rows).forEach(read::add)).isEqualTo(rows);
        assertThat(read).hasSize(expected.size());
        for (int i = 0; i < read.size(); i++) {
            List<String> cells = expected.get(i).stream().map(c -> c == null ? "" : c).toList();
            assertThat(read.get(i)).as("row %d", i).isEqualTo(cells);
        }
        assertThat(read).anyMatch(cells -> cells.contains("=1+1")).anyMatch(cells -> cells.get(0).equals(FORMULA_FILE));
        List<List<String>> first = new ArrayList<>();
        ResponsesCsv.rows(combined, rows).forEach(cells -> first.add(cells) && first.size() < 3);
        assertThat(first).as("reading stops when no more rows are wanted").hasSize(3);
    }

    private static void assertSameBytes(Path actual, Path expected) throws IOException {
        assertThat(Files.readAllBytes(expected).length).isGreaterThan(1000);
        assertThat(Files.readString(actual)).isEqualTo(Files.readString(expected));
        assertThat(Files.readAllBytes(actual)).isEqualTo(Files.readAllBytes(expected));
    }

    /**
     * The respondents as the database holds them: the five sample files and a sixth with a formula-like name and
     * answer, every row read and cleaned, duplicates settled over all exports as analysis rule 2.6 says (the latest
     * end counts; on a tie the later export and row).
     */
    static final class Database implements StoredResponses {

        final Study study;
        final List<Export> exports = new ArrayList<>();
        final Map<Long, List<Respondent>> reads = new LinkedHashMap<>();
        final Map<Long, Set<Long>> duplicates = new HashMap<>();
        final List<Long> countedInCalls = new ArrayList<>();

        private Database(Study study) {
            this.study = study;
        }

        static Database of(Study study) {
            Database database = new Database(study);
            ExportReader reader = new ExportReader(List.of(study));
            Cleaner cleaner = new Cleaner(study);
            long id = 0;
            for (String file : FILES) {
                List<Respondent> read = new ArrayList<>();
                try (dev.caregap.read.Export export = reader.open(Path.of("sample-input", file))) {
                    while (export.hasNext()) {
                        read.add(cleaner.clean(export.next()).respondent());
                    }
                }
                database.add(++id, file, read);
            }
            database.add(++id, FORMULA_FILE, List.of(
                    new Respondent(2, "R_formula", "consumer", Instant.parse("2026-03-05T12:00:00Z"), 0.85, null,
                            List.of(Answer.choice("C_COUNTRY", 3), Answer.text("C_COMMENT", "=1+1"))),
                    new Respondent(3, "R_lines", "consumer", null, 1.25, null,
                            List.of(Answer.text("C_COMMENT", "two\r\nlines, \"quoted\"")))));
            database.settleDuplicates();
            return database;
        }

        private void add(long id, String file, List<Respondent> read) {
            exports.add(new Export(id, file, "hash-" + id));
            reads.put(id, read);
        }

        private void settleDuplicates() {
            record Held(long export, Respondent respondent) {
            }
            Comparator<Held> latest = Comparator.comparing((Held h) -> h.respondent().endedAt(),
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingLong(Held::export).thenComparingLong(h -> h.respondent().row());
            Map<List<String>, Held> counting = new HashMap<>();
            List<Held> all = new ArrayList<>();
            reads.forEach((export, read) -> read.stream().filter(r -> r.included() && r.respondentId() != null)
                    .map(r -> new Held(export, r)).forEach(all::add));
            for (Held held : all) {
                counting.merge(List.of(held.respondent().segment(), held.respondent().respondentId()), held,
                        (a, b) -> latest.compare(a, b) >= 0 ? a : b);
            }
            for (Held held : all) {
                if (counting.get(List.of(held.respondent().segment(), held.respondent().respondentId())) != held) {
                    duplicates.computeIfAbsent(held.export(), e -> new TreeSet<>()).add(held.respondent().row());
                }
            }
        }

        /** Each export's file written as the export is read, as the service does. */
        void writeWhileReading(ExportResponses cache) {
            reads.forEach((export, read) -> {
                try (ExportResponses.Writer writer = cache.writer(study, export, "hash-" + export, r -> true)) {
                    read.forEach(writer::add);
                    assertThat(writer.complete()).isTrue();
                }
            });
        }

        /** The included respondents that are not duplicates, in export and row order: what the database streams today. */
        ResponseSource included() {
            return consumer -> exports.forEach(export -> reads.get(export.id()).stream()
                    .filter(r -> r.included() && !duplicates.getOrDefault(export.id(), Set.of()).contains(r.row()))
                    .forEach(r -> consumer.accept(export.fileName(), r)));
        }

        long includedCount() {
            long[] n = {0};
            included().forEach((file, r) -> n[0]++);
            return n[0];
        }

        @Override
        public List<Export> exports() {
            return exports;
        }

        @Override
        public Map<Long, long[]> duplicateRows() {
            Map<Long, long[]> rows = new HashMap<>();
            duplicates.forEach((export, set) -> rows.put(export, set.stream().mapToLong(Long::longValue).toArray()));
            return rows;
        }

        @Override
        public ResponseSource countedIn(long exportId) {
            countedInCalls.add(exportId);
            Export export = exports.get((int) exportId - 1);
            return consumer -> reads.get(exportId).stream().filter(Respondent::included)
                    .forEach(r -> consumer.accept(export.fileName(), r));
        }
    }
}
