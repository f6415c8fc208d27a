package dev.caregap.results;

import dev.caregap.run.ResponseSource;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.caregap.results.RunFixtures.CARE_GAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run's result files in two steps: the figures' files first, then responses.csv, put together from the exports'
 * files (the same responses.csv as from the database), and a workbook whose Responses sheet stops at the set number
 * of rows and says responses.csv holds them all.
 */
class ResultFilesFromExportsTest {

    @TempDir
    Path folder;

    private ExportResponses cache;
    private CombinedResponsesTest.Database database;

    @BeforeEach
    void theExportsAsStored() {
        cache = new ExportResponses(folder.resolve("data/responses"));
        database = CombinedResponsesTest.Database.of(CARE_GAP);
    }

    /** The run's files, with room for at most {@code workbookRows} rows in the workbook's Responses sheet. */
    private ResultFiles files(int workbookRows) {
        return new ResultFiles(folder.resolve("results"), cache, workbookRows);
    }

    @Test
    void responsesCsvIsPutTogetherAndTheWorkbookSheetStopsAtItsSetRows() throws IOException {
        database.writeWhileReading(cache);
        ResultFiles files = files(5);
        Path run = files.write(RunFixtures.report("run-00042"), RunFixtures.issues());
        assertThat(files.addResponses(RunFixtures.report("run-00042"), database)).contains(run);

        Path expected = folder.resolve("expected.csv");
        long all = ResponsesCsv.write(expected, CARE_GAP, database.included());
        assertThat(Files.readAllBytes(run.resolve("responses.csv"))).isEqualTo(Files.readAllBytes(expected));
        assertThat(run.resolve("figures.csv")).exists();
        assertThat(run.getParent().resolve("run-00042.partial")).doesNotExist();
        try (InputStream in = Files.newInputStream(run.resolve("report.xlsx")); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet responses = book.getSheet("Responses");
            assertThat(responses.getLastRowNum()).isEqualTo(4);
            assertThat(responses.getRow(1).getCell(0).getStringCellValue()).isEqualTo("qualtrics-consumers.csv");
            assertThat(responses.getRow(4).getCell(0).getStringCellValue())
                    .contains("at most 5 rows").contains((all - 3) + " more respondents")
                    .contains("responses.csv holds all " + String.format(java.util.Locale.ROOT, "%,d", all) + " respondents");
        }
    }

    @Test
    void theFiguresComeFirstAndTheResponseFilesAreAddedWithNothingPartialLeft() throws IOException {
        ResultFiles files = files(100);

        Path run = files.write(RunFixtures.report("run-00007"), RunFixtures.issues());
        assertThat(run.resolve("figures.csv")).isRegularFile();
        assertThat(run.resolve("run.json")).isRegularFile();
        assertThat(run.resolve("data-issues.csv")).isRegularFile();
        assertThat(run.resolve("responses.csv")).doesNotExist();
        assertThat(run.resolve("report.xlsx")).doesNotExist();

        files.addResponses(RunFixtures.report("run-00007"), database);
        assertThat(run.resolve("responses.csv")).isRegularFile();
        assertThat(run.resolve("report.xlsx")).isRegularFile();
        assertThat(namesIn(run)).noneMatch(name -> name.endsWith(".partial"));
    }

    @Test
    void responseFilesAStopLeftHalfWrittenAreWrittenAnewByTheNextAttempt() throws IOException {
        ResultFiles files = files(100);
        Path run = files.write(RunFixtures.report("run-00011"), RunFixtures.issues());
        Files.writeString(run.resolve("responses.csv.partial"), "\"export_file\",\"row\"\n\"qualtrics-consu");
        Files.writeString(run.resolve("report.xlsx.partial"), "PK half a workbook");

        files.addResponses(RunFixtures.report("run-00011"), database);

        Path expected = folder.resolve("expected.csv");
        ResponsesCsv.write(expected, CARE_GAP, database.included());
        assertThat(Files.readAllBytes(run.resolve("responses.csv"))).isEqualTo(Files.readAllBytes(expected));
        try (InputStream in = Files.newInputStream(run.resolve("report.xlsx")); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getSheet("Responses").getRow(1).getCell(0).getStringCellValue()).isEqualTo("qualtrics-consumers.csv");
        }
        assertThat(namesIn(run)).noneMatch(name -> name.endsWith(".partial"));
    }

    @Test
    void aRunWhoseFolderIsGoneGetsNoResponseFiles() throws IOException {
        ResultFiles files = files(100);

        assertThat(files.addResponses(RunFixtures.report("run-00003"), database))
                .isEmpty();
        assertThat(folder.resolve("results/care-gap/run-00003")).doesNotExist();
    }

    @Test
    void aFailureWhileAddingTheResponsesLeavesTheFiguresAndNoPartialFile() throws IOException {
        ResultFiles files = files(100);
        Path run = files.write(RunFixtures.report("run-00008"), RunFixtures.issues());
        byte[] figures = Files.readAllBytes(run.resolve("figures.csv"));

        assertThatThrownBy(() -> files.addResponses(RunFixtures.report("run-00008"), failingResponses()))
                .hasMessageContaining("the database went away");
        assertThat(Files.readAllBytes(run.resolve("figures.csv"))).isEqualTo(figures);
        assertThat(namesIn(run)).doesNotContain("responses.csv", "report.xlsx")
                .noneMatch(name -> name.endsWith(".partial"));
    }

    @Test
    void writingARunsFiguresAgainKeepsItsResponseFiles() throws IOException {
        ResultFiles files = files(100);
        Path run = files.write(RunFixtures.report("run-00009"), RunFixtures.issues());
        files.addResponses(RunFixtures.report("run-00009"), database);
        byte[] responses = Files.readAllBytes(run.resolve("responses.csv"));
        byte[] workbook = Files.readAllBytes(run.resolve("report.xlsx"));

        assertThat(files.write(RunFixtures.report("run-00009"), RunFixtures.issues())).isEqualTo(run);

        assertThat(Files.readAllBytes(run.resolve("responses.csv"))).isEqualTo(responses);
        assertThat(Files.readAllBytes(run.resolve("report.xlsx"))).isEqualTo(workbook);
        assertThat(run.resolveSibling("run-00009.replaced")).doesNotExist();
    }

    @Test
    void writingARunsFiguresAgainKeepsTheSummaryMailsSent() throws IOException {
        ResultFiles files = files(100);
        Path run = files.write(RunFixtures.report("run-00009"), RunFixtures.issues());
        files.addResponses(RunFixtures.report("run-00009"), database);
        Path mail = Files.createDirectories(run.resolve("mail"));
        Files.writeString(mail.resolve("insights@localhost.eml"), "Subject: Care gap, run-00009\r\n\r\nas sent\r\n");
        Files.writeString(mail.resolve("board@localhost.eml.partial"), "Subject: half");

        assertThat(files.write(RunFixtures.report("run-00009"), RunFixtures.issues())).isEqualTo(run);

        assertThat(namesIn(run.resolve("mail"))).as("the copy still being written is not one sent")
                .containsExactly("insights@localhost.eml");
        assertThat(Files.readString(run.resolve("mail/insights@localhost.eml")))
                .isEqualTo("Subject: Care gap, run-00009\r\n\r\nas sent\r\n");
        assertThat(run.resolveSibling("run-00009.replaced")).doesNotExist();
    }

    @Test
    void aSheetOfFewerThanThreeRowsOrMoreThanExcelHoldsIsRefused() {
        assertThatThrownBy(() -> new ResultFiles(folder, cache, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultFiles(folder, cache, 1_048_577)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> namesIn(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Responses that cannot be read: the database is gone while responses.csv is put together. */
    private static StoredResponses failingResponses() {
        return new StoredResponses() {
            @Override
            public List<Export> exports() {
                throw new IllegalStateException("the database went away");
            }

            @Override
            public Map<Long, long[]> duplicateRows() {
                throw new IllegalStateException("the database went away");
            }

            @Override
            public ResponseSource countedIn(long exportId) {
                throw new IllegalStateException("the database went away");
            }
        };
    }
}
