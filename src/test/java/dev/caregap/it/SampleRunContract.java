package dev.caregap.it;

import dev.caregap.store.RespondentBlock;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * What a new user sees: the service is running, the sample is dropped into the inbox, and the results
 * hold every published figure. Counts and bases are those of docs/published-figures.md; intervals, z and p
 * those its reference table gives (computed independently with statsmodels). Run against each database.
 */
@ExtendWith(SampleRunContract.DeleteHomes.class)  // before @SpringBootTest: its afterAll runs after Spring's
@SpringBootTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleRunContract {

    static final Path PROJECT = Path.of("").toAbsolutePath();

    @Autowired
    JdbcTemplate jdbc;


    private List<CSVRecord> figures;

    /** The homes handed out and not yet deleted, by the test class that asked for them. */
    private static final Map<Class<?>, Set<Path>> HOMES = new ConcurrentHashMap<>();

    static {
        // A class without DeleteHomes (or a run cut short) still leaves nothing behind once the JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> HOMES.keySet().forEach(SampleRunContract::deleteHomesOf), "delete-caregap-it-homes"));
    }

    /**
     * A home folder of the test's own, made before Spring reads the properties that point into it. It is
     * deleted after the test class when the class has {@link DeleteHomes}, else when the JVM ends.
     */
    static Path newHome() {
        Class<?> owner = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        try {
            Path home = Files.createTempDirectory("caregap-it-");
            HOMES.computeIfAbsent(owner, c -> ConcurrentHashMap.newKeySet()).add(home);
            return home;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteHomesOf(Class<?> owner) {
        Set<Path> homes = HOMES.remove(owner);
        if (homes == null) {
            return;
        }
        for (Path home : homes) {
            try {
                FileSystemUtils.deleteRecursively(home);
            } catch (IOException e) {
                System.err.println("Could not delete the test home " + home + ": " + e);
            }
        }
    }

    /**
     * Deletes the homes a test class was handed once the class is done. Declared before {@code @SpringBootTest},
     * so its afterAll runs after Spring's, which closes the context ({@code @DirtiesContext}): the service no
     * longer writes into the folder while it is deleted.
     */
    static final class DeleteHomes implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            deleteHomesOf(context.getRequiredTestClass());
        }
    }

    static void folders(DynamicPropertyRegistry registry, Path home) {
        registry.add("caregap.home", home::toString);
        registry.add("camel.main.run-controller", () -> "false");  // the test runner keeps the JVM alive
        registry.add("caregap.studies", () -> PROJECT.resolve("studies").toString());
        registry.add("caregap.routes", () -> PROJECT.resolve("routes").toString());
    }

    abstract Path home();

    @BeforeAll
    void dropTheSampleAndWaitForItsRun() throws IOException {
        List<Path> sample = sampleFiles();
        assertThat(sample).hasSizeGreaterThanOrEqualTo(3);
        Path inbox = Files.createDirectories(home().resolve("inbox"));
        for (Path file : sample) {
            // copy under a temporary name, then rename: what a careful user (or script) does
            Path partial = Files.copy(file, inbox.resolve(file.getFileName() + ".part"));
            Files.move(partial, inbox.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                listFiles(inbox).isEmpty()
                        && count("select count(*) from survey_export where status in ('INGESTED', 'REJECTED', 'REPEAT')") == sample.size()
                        && count("""
                                select count(*) from run_export
                                where run_id = (select max(id) from study_run where status = 'DELIVERED')""")
                        == count("select count(*) from survey_export where status = 'INGESTED'"));
        assertThat(jdbc.queryForList("select file_name || ': ' || coalesce(reason, '') from survey_export where status <> 'INGESTED'", String.class))
                .as("every sample file is ingested").isEmpty();
        try (Reader in = resultFile(latest().resolve("figures.csv"))) {
            figures = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void theSampleDroppedTogetherGivesOneRunOrTwoAndTheLastHoldsEveryFile() throws IOException {
        assertThat(count("select count(*) from study_run")).isBetween(1L, 2L);
        assertThat(count("select count(*) from study_run where status <> 'DELIVERED'")).isZero();
        assertThat(count("select count(*) from delivery where status <> 'DONE'")).isZero();
        String manifest = Files.readString(latest().resolve("run.json"));
        for (Path file : sampleFiles()) {
            assertThat(manifest).contains("\"" + file.getFileName() + "\"");
        }
    }

    @Test
    void theHeadlineFiguresAreThePublishedOnes() {
        share("brands_believe_care", "Top-2", 402, 550, "73.1");
        share("consumers_feel_cared_for", "Top-2", 396, 1100, "36.0");
        share("brands_believe_customers_pleased", "Top-2", 369, 550, "67.1");
        share("consumers_satisfied_mobile", "Top-2", 517, 1100, "47.0");
        share("consumers_open_to_mobile", "Yes", 946, 1100, "86.0");
        share("brands_using_mobile", "Yes", 319, 550, "58.0");
        assertThat(total("care_gap", null).get("percent")).isEqualTo("37.1");
        assertThat(total("mobile_satisfaction_gap", null).get("percent")).isEqualTo("20.1");
        assertThat(total("mobile_adoption_gap", null).get("percent")).isEqualTo("28.0");
    }

    @Test
    void channelsAndReasonsHoldThePublishedCounts() {
        share("consumer_channel_preference", "Email", 627, 1100, "57.0");
        share("consumer_channel_preference", "Text message (SMS)", 451, 1100, "41.0");
        share("brand_channels_used", "Email", 402, 550, "73.1");
        share("brand_channels_used", "Phone calls", 308, 550, "56.0");
        share("brand_channels_used", "Text messages (SMS)", 303, 550, "55.1");
        share("brand_channels_used", "Social media", 297, 550, "54.0");
        share("brand_channels_used", "Mobile apps", 231, 550, "42.0");
        share("brand_channels_used", "Games", 44, 550, "8.0");
        share("reasons_not_mobile", "Not the best means to contact our customers", 109, 231, "47.2");
        share("reasons_not_mobile", "We don't have the technology", 90, 231, "39.0");
        share("reasons_not_mobile", "Privacy concerns", 37, 231, "16.0");
        share("reasons_not_mobile", "Expense", 30, 231, "13.0");
        share("reasons_not_mobile", "Too invasive", 23, 231, "10.0");
    }

    @Test
    void theOrderOfTheLowerChannelsAndTheUrgentAndMarketingChoicesAreThePublishedOnes() {
        long phone = count("consumer_channel_preference", "Phone call");
        long voicemail = count("consumer_channel_preference", "Voicemail");
        long social = count("consumer_channel_preference", "Social media");
        long app = count("consumer_channel_preference", "Mobile app");
        assertThat(phone).isLessThan(451).isGreaterThan(voicemail);
        assertThat(voicemail).isGreaterThan(social);
        assertThat(social).isGreaterThan(app);
        assertThat(topAnswer("urgent_vs_marketing_channel", "C_PREF_URGENT")).isEqualTo("Text message (SMS)");
        assertThat(topAnswer("urgent_vs_marketing_channel", "C_PREF_MARKETING")).isEqualTo("Email");
    }

    @Test
    void industriesRankAsPublished() {
        assertThat(roundedPercent("industry_care_rating", "C_IND_HEALTHCARE")).isEqualTo(44);
        assertThat(roundedPercent("industry_care_rating", "C_IND_RETAIL")).isEqualTo(41);
        assertThat(roundedPercent("industry_care_rating", "C_IND_FINANCE")).isEqualTo(36);
        assertThat(roundedPercent("industry_care_rating", "C_IND_INSURANCE")).isEqualTo(33);
        assertThat(roundedPercent("industry_care_rating", "C_IND_TELECOM")).isEqualTo(28);
        assertThat(totals("industry_care_rating").stream().filter(r -> r.get("question").equals("C_IND_HEALTHCARE"))
                .findFirst().orElseThrow().get("rank")).isEqualTo("1");
    }

    @Test
    void intervalsAndTestsMatchTheReferenceTable() {
        interval(total("brands_believe_care", "Top-2"), 69.23, 76.63);
        interval(total("consumers_feel_cared_for", "Top-2"), 33.22, 38.88);
        gap("care_gap", 37.09, 32.28, 41.59, 14.2124, 7.68e-46);
        gap("mobile_satisfaction_gap", 20.09, 15.09, 24.89, 7.7154, 1.21e-14);
        gap("mobile_adoption_gap", 28.00, 23.40, 32.59, 12.6766, 7.97e-37);
    }

    @Test
    void everyFigureIsBrokenDownByCountryAndTheSegmentsOwnBreakdowns() {
        List<String> breakdowns = figures.stream().filter(r -> r.get("figure").equals("brands_believe_care"))
                .map(r -> r.get("breakdown")).distinct().toList();
        assertThat(breakdowns).containsExactlyInAnyOrder("total", "country", "industry", "company_size");
        List<String> consumerBreakdowns = figures.stream().filter(r -> r.get("figure").equals("consumers_feel_cared_for"))
                .map(r -> r.get("breakdown")).distinct().toList();
        assertThat(consumerBreakdowns).containsExactlyInAnyOrder("total", "country", "age_band");
        long countryBases = figures.stream()
                .filter(r -> r.get("figure").equals("consumers_feel_cared_for") && r.get("breakdown").equals("country"))
                .mapToLong(r -> Long.parseLong(r.get("base"))).sum();
        assertThat(countryBases).as("every consumer has a country").isEqualTo(1100);
        assertThat(figures.stream().filter(r -> r.get("figure").equals("care_gap") && r.get("breakdown").equals("country")))
                .hasSize(3);
    }

    @Test
    void theResultFolderHoldsEveryFileAndTheDataQualityAccount() throws IOException {
        Path latest = latest();
        assertThat(latest.resolve("figures.json")).isRegularFile();
        assertThat(latest.resolve("responses.csv")).isRegularFile();
        try (Reader in = resultFile(latest.resolve("data-quality.csv"))) {
            List<CSVRecord> exports = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
            assertThat(exports).hasSize(sampleFiles().size());
            assertThat(exports.stream().mapToLong(r -> Long.parseLong(r.get("included"))).sum()).isEqualTo(1650);
        }
        try (Reader in = resultFile(latest.resolve("data-issues.csv"))) {
            List<CSVRecord> issues = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
            assertThat(issues).as("the sample's two genders typed as Woman")
                    .extracting(r -> r.get("file") + ":" + r.get("question") + ":" + r.get("value"))
                    .containsExactly("google-forms-consumers.csv:C_GENDER:Woman", "google-forms-consumers.csv:C_GENDER:Woman");
        }
        try (Stream<String> lines = Files.lines(latest.resolve("responses.csv"), StandardCharsets.UTF_8)) {
            String header = lines.findFirst().orElseThrow();
            assertThat(header).doesNotContainIgnoringCase("email").doesNotContainIgnoringCase("ipaddress")
                    .doesNotContainIgnoringCase("latitude").doesNotContainIgnoringCase("name");
        }
    }

    @Test
    void theWorkbookSummaryHoldsThePublishedHeadline() throws IOException {
        Path workbook = latest().resolve("report.xlsx");
        assertThat(workbook).isRegularFile();
        try (var in = Files.newInputStream(workbook); var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            var shown = new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT);
            var careGap = java.util.stream.StreamSupport.stream(book.getSheet("Summary").spliterator(), false)
                    .filter(row -> row.getCell(0) != null && "The care gap".equals(shown.formatCellValue(row.getCell(0))))
                    .findFirst().orElseThrow();
            // brands' share, consumers' share, the gap and its interval: numbers, shown as published
            assertThat(List.of(2, 4, 5, 6, 7)).allSatisfy(c -> assertThat(careGap.getCell(c).getCellType())
                    .isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC));
            assertThat(List.of(2, 4, 5, 6, 7)).map(c -> shown.formatCellValue(careGap.getCell(c)))
                    .containsExactly("73.1%", "36.0%", "37.1 pts", "32.3 pts", "41.6 pts");
        }
    }

    @Test
    void theReportPageHoldsThePublishedHeadline() throws IOException {
        String page = Files.readString(latest().resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("The care gap: 37.1 pts").contains("(95% CI 32.3 to 41.6)")
                .contains("brands 73.1%").contains("consumers 36.0%").contains("<svg ").doesNotContain("<script");
    }

    @Test
    void personalDataIsNeverStored() {
        String stored = String.join("\n", jdbc.query("select encoded from respondent_block",
                (rs, i) -> RespondentBlock.rows(rs.getBytes(1)).toString()))
                + String.join("\n", jdbc.queryForList("select coalesce(value_read, '') from data_issue", String.class));
        assertThat(stored).doesNotContain("@example.com").doesNotContain("192.0.2.");
    }

    // --- reading the results ---------------------------------------------------------------------

    List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROJECT.resolve("sample-input"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv") || f.getFileName().toString().endsWith(".xlsx"))
                    .sorted().toList();
        }
    }

    /** Result CSV files start with a byte order mark for Excel; a reader of ours skips it. */
    static Reader resultFile(Path file) throws IOException {
        return new InputStreamReader(BOMInputStream.builder().setPath(file).get(), StandardCharsets.UTF_8);
    }

    Path latest() {
        return home().resolve("results/care-gap/latest");
    }

    long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    List<CSVRecord> totals(String figure) {
        return figures.stream().filter(r -> r.get("figure").equals(figure) && r.get("breakdown").equals("total")).toList();
    }

    CSVRecord total(String figure, String answer) {
        return totals(figure).stream().filter(r -> answer == null || r.get("answer").equals(answer)).findFirst()
                .orElseThrow(() -> new AssertionError("no total for " + figure + " " + answer));
    }

    void share(String figure, String answer, long count, long base, String percent) {
        CSVRecord row = total(figure, answer);
        assertThat(row.get("count")).as(figure + " " + answer + " count").isEqualTo(String.valueOf(count));
        assertThat(row.get("base")).as(figure + " " + answer + " base").isEqualTo(String.valueOf(base));
        assertThat(row.get("percent")).as(figure + " " + answer + " percent").isEqualTo(percent);
    }

    long count(String figure, String answer) {
        return Long.parseLong(total(figure, answer).get("count"));
    }

    String topAnswer(String figure, String question) {
        return totals(figure).stream().filter(r -> r.get("question").equals(question)).max((a, b) -> Long.compare(Long.parseLong(a.get("count")), Long.parseLong(b.get("count"))))
                .orElseThrow().get("answer");
    }

    long roundedPercent(String figure, String question) {
        CSVRecord row = totals(figure).stream().filter(r -> r.get("question").equals(question)).findFirst().orElseThrow();
        return Math.round(100.0 * Long.parseLong(row.get("count")) / Long.parseLong(row.get("base")));
    }

    void interval(CSVRecord row, double low, double high) {
        assertThat(Double.parseDouble(row.get("share_low")) * 100).isCloseTo(low, within(0.005));
        assertThat(Double.parseDouble(row.get("share_high")) * 100).isCloseTo(high, within(0.005));
    }

    void gap(String figure, double points, double low, double high, double z, double p) {
        CSVRecord row = total(figure, null);
        assertThat(Double.parseDouble(row.get("share")) * 100).isCloseTo(points, within(0.005));
        interval(row, low, high);
        assertThat(Double.parseDouble(row.get("z"))).isCloseTo(z, within(0.00005));
        assertThat(Double.parseDouble(row.get("p"))).isCloseTo(p, within(p * 0.005));
    }
}
