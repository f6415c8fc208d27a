package dev.caregap.results;

import dev.caregap.run.RunReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caregap.study.Question;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.caregap.results.RunFixtures.CARE_GAP;
import static org.assertj.core.api.Assertions.assertThat;

class ResultFilesTest {

    @TempDir
    Path root;

    Path run;

    @BeforeEach
    void writeRun() {
        run = new ResultFiles(root).write(RunFixtures.report("run-00042"), RunFixtures.responses(), RunFixtures.issues());
    }

    @Test
    void writesTheRunIntoItsFolder() throws IOException {
        assertThat(run).isEqualTo(root.resolve("care-gap").resolve("run-00042"));
        try (var files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "figures.csv", "figures.json", "data-quality.csv", "data-quality-reasons.csv", "responses.csv", "report.xlsx",
                    "data-issues.csv", "run.json", "report.html");
        }
    }

    @Test
    void runJsonNamesTheRunAndTheExportsItCovers() throws IOException {
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("run.json").toFile());
        RunReport report = RunFixtures.report("run-00042");
        assertThat(manifest.get("run").asText()).isEqualTo("run-00042");
        assertThat(manifest.get("status").asText()).isEqualTo("complete");
        assertThat(manifest.get("exportsCovered").asInt()).isEqualTo(report.quality().size());
        assertThat(manifest.get("respondentsIncluded").asLong()).isEqualTo(report.respondentsIncluded());
        assertThat(manifest.get("exports").get(0).get("file").asText()).isEqualTo(report.quality().get(0).fileName());
    }

    @Test
    void figuresCsvShowsPercentRoundedHalfUpAndTheUnroundedShares() throws IOException {
        CsvFile figures = CsvFile.read(run.resolve("figures.csv"));
        assertThat(figures.header).isEqualTo(FiguresCsv.HEADER);
        assertThat(figures.rows).hasSize(6);

        CSVRecord brands = figures.rows.get(2);
        assertThat(brands.toList()).containsExactly("brands_believe_care",
                "Brands that believe they care for their customers", "top2", "B_CARE", "Top-2", "total", "All",
                "402", "550", "73.1", "69.2", "76.6", "550.0", "", "", "", "", "0.730909", "0.692331", "0.766298");

        CSVRecord consumers = figures.rows.get(1);
        assertThat(consumers.get("percent")).isEqualTo("36.0");
        assertThat(consumers.get("share")).isEqualTo("0.36");
        assertThat(consumers.get("effective_base")).isEqualTo("1023.5");

        CSVRecord ranked = figures.rows.get(5);
        assertThat(ranked.get("percent")).isEqualTo("1.3");
        assertThat(ranked.get("share")).isEqualTo("0.0125");
        assertThat(ranked.get("rank")).isEqualTo("1");
    }

    @Test
    void figuresCsvShowsANegativeGapInPointsAsNumbersWithoutCountOrBase() throws IOException {
        CSVRecord gap = CsvFile.read(run.resolve("figures.csv")).rows.get(0);
        assertThat(gap.get("figure")).isEqualTo("care_gap");
        assertThat(gap.get("measure")).isEqualTo("gap");
        assertThat(gap.get("question")).isEmpty();
        assertThat(gap.get("count")).isEmpty();
        assertThat(gap.get("base")).isEmpty();
        assertThat(gap.get("percent")).isEqualTo("-37.1");
        assertThat(gap.get("low")).isEqualTo("-41.6");
        assertThat(gap.get("high")).isEqualTo("-32.3");
        assertThat(gap.get("effective_base")).isEmpty();
        assertThat(gap.get("z")).isEqualTo("-14.2124");
        assertThat(gap.get("p")).isEqualTo("7.68e-46");
        assertThat(gap.get("share")).isEqualTo("-0.370909");
        assertThat(gap.get("share_low")).isEqualTo("-0.41589");
    }

    @Test
    void figuresCsvLeavesMissingNumbersEmptyAndFlagsALowBase() throws IOException {
        List<CSVRecord> rows = CsvFile.read(run.resolve("figures.csv")).rows;
        CSVRecord empty = rows.get(3);
        assertThat(empty.get("group")).isEqualTo("65+");
        assertThat(List.of(empty.get("percent"), empty.get("low"), empty.get("high"), empty.get("share"),
                empty.get("share_low"), empty.get("share_high"))).containsOnly("");
        assertThat(empty.get("count")).isEqualTo("0");
        assertThat(empty.get("low_base")).isEqualTo("yes");
        assertThat(Files.readString(run.resolve("figures.csv"))).doesNotContainIgnoringCase("nan");

        CSVRecord lowBase = rows.get(4);
        assertThat(lowBase.get("answer")).isEqualTo("Text message (SMS)");
        assertThat(lowBase.get("percent")).isEqualTo("4.0");
        assertThat(lowBase.get("low_base")).isEqualTo("yes");
        assertThat(rows.get(2).get("low_base")).isEmpty();
    }

    @Test
    void figuresJsonHoldsTheRunTheHeadlineInStudyOrderAndEveryFigure() throws IOException {
        JsonNode json = new ObjectMapper().readTree(run.resolve("figures.json").toFile());
        assertThat(json.get("study").asText()).isEqualTo("care-gap");
        assertThat(json.get("title").asText()).isEqualTo("The Care Gap study");
        assertThat(json.get("run").asText()).isEqualTo("run-00042");
        assertThat(json.get("runId").asLong()).isEqualTo(42);
        assertThat(json.get("trigger").asText()).isEqualTo("business.csv");
        assertThat(json.get("finishedAt").asText()).isEqualTo("2025-03-04T10:15:30Z");
        assertThat(json.get("respondentsIncluded").asLong()).isEqualTo(9);

        JsonNode headline = json.get("headline");
        assertThat(headline).hasSize(4);
        assertThat(headline.findValuesAsText("figure"))
                .containsExactly("brands_believe_care", "consumers_feel_cared_for", "care_gap", "industry_care_rating");
        assertThat(headline.findValuesAsText("percent")).containsExactly("73.1", "36.0", "-37.1", "1.3");
        assertThat(headline.get(2).get("unit").asText()).isEqualTo("points");
        assertThat(headline.get(2).get("low").asText()).isEqualTo("-41.6");
        assertThat(headline.get(0).get("label").asText()).isEqualTo("Brands that believe they care for their customers");
        assertThat(headline.get(0).get("base").asLong()).isEqualTo(550);
        // a figure of several rows is told apart by its question, answer and rank
        assertThat(headline.get(3).get("question").asText()).isEqualTo("C_IND_HEALTHCARE");
        assertThat(headline.get(3).get("answer").asText()).isEqualTo("Top-2");
        assertThat(headline.get(3).get("rank").asInt()).isEqualTo(1);
        assertThat(headline.get(2).get("question").isNull()).as("a gap has no question of its own").isTrue();

        JsonNode figures = json.get("figures");
        assertThat(figures).hasSize(6);
        JsonNode gap = figures.get(0);
        assertThat(gap.get("share").isNumber()).isTrue();
        assertThat(gap.get("share").asDouble()).isEqualTo(RunFixtures.CONSUMERS - RunFixtures.BRANDS);
        assertThat(gap.get("z").asDouble()).isEqualTo(-14.21243);
        assertThat(gap.get("p").asDouble()).isEqualTo(7.6849e-46);
        assertThat(gap.get("count").isNull()).isTrue();
        assertThat(gap.get("effectiveBase").isNull()).isTrue();
        JsonNode empty = figures.get(3);
        assertThat(empty.get("share").isNull()).isTrue();
        assertThat(empty.get("lowBase").asBoolean()).isTrue();
        assertThat(empty.get("base").asLong()).isZero();
        assertThat(figures.get(5).get("rank").asInt()).isEqualTo(1);
        assertThat(figures.get(2).get("rank").isNull()).isTrue();
    }

    @Test
    void dataQualityHasOneRowPerExportAndTheReasonsInPlainWords() throws IOException {
        CsvFile exports = CsvFile.read(run.resolve("data-quality.csv"));
        assertThat(exports.header).isEqualTo(DataQualityCsv.EXPORTS_HEADER);
        assertThat(exports.rows).hasSize(2);
        assertThat(exports.rows.get(0).toList()).containsExactly("1", "consumers.csv", "inbox",
                "2025-03-01T08:00:00Z", "qualtrics", "10", "6", "2", "1", "1", "0", "3", "");
        assertThat(exports.rows.get(1).get("file")).isEqualTo("'=cmd|' /C calc'!A0.csv");
        assertThat(exports.rows.get(1).get("provenance")).isEqualTo("mail from analyst@example.org; subject \"Wave 2\";"
                + " Message-ID <w2@example.org>; received 2025-03-02T09:30:00Z; attachment business.zip/tidy.csv");

        CsvFile reasons = CsvFile.read(run.resolve("data-quality-reasons.csv"));
        assertThat(reasons.header).isEqualTo(DataQualityCsv.REASONS_HEADER);
        assertThat(reasons.rows).extracting(CSVRecord::toList).containsExactly(
                List.of("1", "consumers.csv", "respondents excluded", "", "", "did not finish the survey", "2"),
                List.of("1", "consumers.csv", "respondents excluded", "", "", "under the minimum age", "1"),
                List.of("1", "consumers.csv", "respondents excluded", "", "",
                        "a later response with the same respondent id counts instead", "1"),
                List.of("1", "consumers.csv", "answers set missing", "Q5", "C_COUNTRY", "answer matches no option", "2"),
                List.of("1", "consumers.csv", "answers set missing", "Q2", "C_AGE", "age unreadable", "1"));
    }

    @Test
    void responsesHoldOneColumnPerQuestionWithOptionTexts() throws IOException {
        CsvFile responses = CsvFile.read(run.resolve("responses.csv"));
        List<String> expectedHeader = new ArrayList<>(List.of("export_file", "row", "respondent_id", "segment",
                "ended_at", "weight"));
        CARE_GAP.questions().stream().map(Question::id).forEach(expectedHeader::add);
        assertThat(responses.header).isEqualTo(expectedHeader);
        assertThat(responses.rows).hasSize(4);

        CSVRecord consumer = responses.rows.get(0);
        assertThat(consumer.get("export_file")).isEqualTo("consumers.csv");
        assertThat(consumer.get("row")).isEqualTo("4");
        assertThat(consumer.get("respondent_id")).isEqualTo("R_1");
        assertThat(consumer.get("segment")).isEqualTo("consumer");
        assertThat(consumer.get("ended_at")).isEqualTo("2025-02-27T12:00:00Z");
        assertThat(consumer.get("weight")).isEqualTo("1");
        assertThat(consumer.get("C_COUNTRY")).isEqualTo("United States");
        assertThat(consumer.get("C_AGE")).isEqualTo("25-34");
        assertThat(consumer.get("C_CARE")).isEqualTo("Agree");
        assertThat(consumer.get("C_PREF_CHANNELS")).isEqualTo("Email; Text message (SMS)");
        assertThat(consumer.get("C_GENDER")).isEmpty();
        assertThat(consumer.get("B_CARE")).isEmpty();

        CSVRecord noId = responses.rows.get(1);
        assertThat(noId.get("respondent_id")).isEmpty();
        assertThat(noId.get("ended_at")).isEmpty();
        assertThat(noId.get("weight")).isEqualTo("0.85");
        assertThat(noId.get("C_OPEN_MOBILE")).isEqualTo("Yes");

        assertThat(responses.rows.get(2).get("C_IND_HEALTHCARE")).isEqualTo("No experience");

        CSVRecord business = responses.rows.get(3);
        assertThat(business.get("B_USES_MOBILE")).isEqualTo("No");
        assertThat(business.get("B_NO_MOBILE_REASONS")).isEqualTo("Privacy concerns; Other (please specify)");
        assertThat(business.get("C_COMMENT")).isEmpty();
    }

    @Test
    void responsesEscapeFormulasButNotNumbers() throws IOException {
        List<CSVRecord> rows = CsvFile.read(run.resolve("responses.csv")).rows;
        assertThat(rows.get(0).get("C_COMMENT")).isEqualTo("'=HYPERLINK(\"http://x.test\",\"win\")");
        assertThat(rows.get(1).get("C_COMMENT")).isEqualTo("'@SUM(1)");
        assertThat(rows.get(2).get("C_COMMENT")).isEqualTo("-3.2");
        assertThat(rows.get(3).get("B_NO_MOBILE_REASONS_OTHER")).isEqualTo("'+1 555 0100, call us, \"really\"");
        assertThat(rows.get(3).get("export_file")).isEqualTo("'=cmd|' /C calc'!A0.csv");
    }

    @Test
    void dataIssuesListEveryValueWithItsFileRowColumnAndReason() throws IOException {
        CsvFile issues = CsvFile.read(run.resolve("data-issues.csv"));
        assertThat(issues.header()).containsExactly("file", "row", "column", "question", "value", "reason");
        assertThat(issues.rows()).hasSize(2);
        CSVRecord country = issues.rows().get(0);
        assertThat(List.of(country.get("file"), country.get("row"), country.get("column"), country.get("value")))
                .containsExactly("consumers.csv", "7", "In which country do you live?", "Atlantis");
        assertThat(issues.rows().get(1).get("value")).as("a value as read is still no formula").isEqualTo("'=1+1");
    }

    /** A CSV result file read back: its header and its rows. */
    record CsvFile(List<String> header, List<CSVRecord> rows) {

        static CsvFile read(Path file) throws IOException {
            try (Reader in = new InputStreamReader(BOMInputStream.builder().setPath(file).get(), StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                return new CsvFile(parser.getHeaderNames(), parser.getRecords());
            }
        }
    }
}
