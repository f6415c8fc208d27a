package dev.caregap.sample;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.caregap.sample.IncludedRows.chose;
import static dev.caregap.sample.IncludedRows.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The written sample, re-read plainly, holds exactly the published counts. */
class SampleInputTest {

    @TempDir
    static Path folder;

    private static List<Map<String, String>> consumers;
    private static List<Map<String, String>> businesses;

    @BeforeAll
    static void writeSample() throws IOException {
        SampleInput.write(folder);
        consumers = IncludedRows.consumers(folder);
        businesses = IncludedRows.businesses(folder);
    }

    @Test
    void writesTheFilesAndTheReadme() {
        assertThat(folder.resolve("README.md")).content().contains("| C_CARE | top-2 | 396 | 1100 | 36.0 |");
        for (String file : List.of("qualtrics-consumers.csv", "qualtrics-consumers-numeric.csv",
                "google-forms-consumers.csv", "surveymonkey-business.csv", "tidy-business.csv")) {
            assertThat(folder.resolve(file)).isNotEmptyFile();
        }
    }

    @Test
    void includesElevenHundredConsumersAndFiveHundredFiftyBusinesses() {
        assertThat(consumers).hasSize(1_100);
        assertThat(businesses).hasSize(550);
    }

    @Test
    void consumersHoldThePublishedCounts() {
        assertThat(count(consumers, "C_CARE", "agree", "strongly agree")).isEqualTo(396);
        assertThat(count(consumers, "C_MOBILE_SAT", "satisfied", "very satisfied")).isEqualTo(517);
        assertThat(count(consumers, "C_OPEN_MOBILE", "yes")).isEqualTo(946);
        assertThat(chose(consumers, "C_PREF_CHANNELS", "email")).isEqualTo(627);
        assertThat(chose(consumers, "C_PREF_CHANNELS", "text message (sms)")).isEqualTo(451);
        assertThat(consumers).allSatisfy(row -> assertThat(row.get("C_PREF_CHANNELS")).isNotEmpty());
    }

    @Test
    void lowerChannelsComeInThePublishedOrderAndNoneOfTheseStandsAlone() {
        long phone = chose(consumers, "C_PREF_CHANNELS", "phone call");
        long voicemail = chose(consumers, "C_PREF_CHANNELS", "voicemail");
        long social = chose(consumers, "C_PREF_CHANNELS", "social media");
        long app = chose(consumers, "C_PREF_CHANNELS", "mobile app");
        assertThat(phone).isLessThan(451).isGreaterThan(voicemail);
        assertThat(voicemail).isGreaterThan(social);
        assertThat(social).isGreaterThan(app);
        assertThat(consumers).filteredOn(row -> row.get("C_PREF_CHANNELS").contains("none of these"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("C_PREF_CHANNELS")).isEqualTo("none of these"));
    }

    @Test
    void industriesRankAsPublished() {
        assertThat(industryShare("C_IND_HEALTHCARE")).isEqualTo(44);
        assertThat(industryShare("C_IND_RETAIL")).isEqualTo(41);
        assertThat(industryShare("C_IND_FINANCE")).isEqualTo(36);
        assertThat(industryShare("C_IND_INSURANCE")).isEqualTo(33);
        assertThat(industryShare("C_IND_TELECOM")).isEqualTo(28);
    }

    @Test
    void businessesHoldThePublishedCounts() {
        assertThat(count(businesses, "B_CARE", "agree", "strongly agree")).isEqualTo(402);
        assertThat(count(businesses, "B_CUST_PLEASED", "agree", "strongly agree")).isEqualTo(369);
        assertThat(count(businesses, "B_USES_MOBILE", "yes")).isEqualTo(319);
        assertThat(chose(businesses, "B_CHANNELS_USED", "email")).isEqualTo(402);
        assertThat(chose(businesses, "B_CHANNELS_USED", "phone calls")).isEqualTo(308);
        assertThat(chose(businesses, "B_CHANNELS_USED", "text messages (sms)")).isEqualTo(303);
        assertThat(chose(businesses, "B_CHANNELS_USED", "social media")).isEqualTo(297);
        assertThat(chose(businesses, "B_CHANNELS_USED", "mobile apps")).isEqualTo(231);
        assertThat(chose(businesses, "B_CHANNELS_USED", "games")).isEqualTo(44);
    }

    @Test
    void onlyBusinessesNotUsingMobileGiveReasonsAndEachGivesOne() {
        List<Map<String, String>> notUsing = businesses.stream()
                .filter(row -> row.get("B_USES_MOBILE").equals("no")).toList();
        assertThat(notUsing).hasSize(231)
                .allSatisfy(row -> assertThat(row.getOrDefault("B_NO_MOBILE_REASONS", "")).isNotEmpty());
        assertThat(businesses).filteredOn(row -> row.get("B_USES_MOBILE").equals("yes"))
                .allSatisfy(row -> assertThat(row.getOrDefault("B_NO_MOBILE_REASONS", "")).isEmpty());
        assertThat(chose(notUsing, "B_NO_MOBILE_REASONS", "not the best means to contact our customers")).isEqualTo(109);
        assertThat(chose(notUsing, "B_NO_MOBILE_REASONS", "we don't have the technology")).isEqualTo(90);
        assertThat(chose(notUsing, "B_NO_MOBILE_REASONS", "privacy concerns")).isEqualTo(37);
        assertThat(chose(notUsing, "B_NO_MOBILE_REASONS", "expense")).isEqualTo(30);
        assertThat(chose(notUsing, "B_NO_MOBILE_REASONS", "too invasive")).isEqualTo(23);
    }

    @Test
    void businessesUsingTextsOrAppsSayTheyUseMobile() {
        assertThat(businesses).filteredOn(row -> row.get("B_CHANNELS_USED").contains("text messages (sms)")
                        || row.get("B_CHANNELS_USED").contains("mobile apps"))
                .allSatisfy(row -> assertThat(row.get("B_USES_MOBILE")).isEqualTo("yes"));
    }

    @Test
    void writesTheSameBytesEveryTime(@TempDir Path again) throws IOException {
        SampleInput.write(again);
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(Files.readAllBytes(again.resolve(file.getFileName())))
                        .as(file.getFileName().toString()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    private static int industryShare(String question) {
        long top2 = count(consumers, question, "well", "very well");
        long base = consumers.size() - count(consumers, question, "no experience");
        return BigDecimal.valueOf(top2 * 100).divide(BigDecimal.valueOf(base), 0, RoundingMode.HALF_UP).intValue();
    }
}
