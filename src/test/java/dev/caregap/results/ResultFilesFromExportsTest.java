package dev.caregap.results;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.caregap.results.RunFixtures.CARE_GAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run's result files with responses.csv put together from the exports' files: the same responses.csv as from the
 * database, and a workbook whose Responses sheet stops at the set number of rows and says responses.csv holds them all.
 */
class ResultFilesFromExportsTest {

    @TempDir
    Path folder;

    @Test
    void responsesCsvIsPutTogetherAndTheWorkbookSheetStopsAtItsSetRows() throws IOException {
        ExportResponses cache = new ExportResponses(folder.resolve("data/responses"));
        CombinedResponsesTest.Database database = CombinedResponsesTest.Database.of(CARE_GAP);
        database.writeWhileReading(cache);
        Path run = new ResultFiles(folder.resolve("results"), cache, 5)
                .write(RunFixtures.report("run-00042"), database, RunFixtures.issues());

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
    void aSheetOfFewerThanThreeRowsOrMoreThanExcelHoldsIsRefused() {
        ExportResponses cache = new ExportResponses(folder);
        assertThatThrownBy(() -> new ResultFiles(folder, cache, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultFiles(folder, cache, 1_048_577)).isInstanceOf(IllegalArgumentException.class);
    }
}
