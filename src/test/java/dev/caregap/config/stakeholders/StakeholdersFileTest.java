package dev.caregap.config.stakeholders;

import dev.caregap.config.StartupFailureAnalyzer;
import dev.caregap.config.stakeholders.Stakeholder.Attachment;
import dev.caregap.report.Audience;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StakeholdersFileTest {

    private static final List<Study> STUDIES = List.of(StudyDefinitions.read(Path.of("studies/care-gap.yaml")));

    @Test
    void theRepositorysExampleFileLoadsOneStakeholderForEverythingAndOneForAustralia() {
        List<Stakeholder> all = StakeholdersFile.read(Path.of("config/stakeholders.yaml"), STUDIES);

        assertThat(all).hasSize(2);
        Stakeholder insights = all.get(0);
        assertThat(insights.address()).isEqualTo("insights@localhost");
        assertThat(insights.audience("care-gap")).isEqualTo(Audience.EVERYONE);
        assertThat(insights.attachments()).containsExactlyInAnyOrder(Attachment.XLSX, Attachment.HTML, Attachment.CSV);
        assertThat(insights.eachRun()).isTrue();
        Stakeholder australia = all.get(1);
        assertThat(australia.address()).isEqualTo("au-team@localhost");
        assertThat(australia.audience("care-gap")).isEqualTo(Audience.group("country", "Australia"));
        assertThat(australia.eachRun()).isTrue();
    }

    @Test
    void aMissingFileMeansNoStakeholders() {
        assertThat(StakeholdersFile.read(Path.of("config/no-such-file.yaml"), STUDIES)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"AU", "Australia", "aus", "australia"})
    void aCountryIsFoundByItsOptionOrAnyAlias(String country) throws IOException {
        Stakeholder one = read(entry("filter: {country: " + country + "}")).get(0);
        assertThat(one.audience("care-gap")).isEqualTo(Audience.group("country", "Australia"));
    }

    @Test
    void aSegmentFilterAndADailyDigestAreRead() throws IOException {
        Stakeholder one = read(entry("filter: {segment: consumer}\n    when: daily at 07:30")).get(0);
        assertThat(one.audience("care-gap")).isEqualTo(Audience.segment("consumer", "Consumers"));
        assertThat(one.eachRun()).isFalse();
        assertThat(one.dailyAt()).isEqualTo(LocalTime.of(7, 30));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "address: not an address|the address 'not an address' is no e-mail address",
            "studies: [care-gaps]|unknown study 'care-gaps' (known: care-gap)",
            "filter: {country: Atlantis}|unknown country 'Atlantis' in study care-gap",
            "filter: {planet: Mars}|unknown filter 'planet' for study care-gap",
            "attachments: [pdf]|unknown attachment 'pdf' (known: xlsx, html, csv)",
            "when: daily at 25:00|'daily at 25:00' is no time of day",
            "when: weekly|when 'weekly' is neither 'each-run' nor 'daily at HH:mm'",
            "adress: x@example.com|unknown field 'adress'"})
    void aWrongEntryNamesTheFileTheEntryAndTheFault(String line, String fault) {
        String field = line.substring(0, line.indexOf(':'));
        StringBuilder wrong = new StringBuilder("""
                stakeholders:
                  - name: Fine
                    address: fine@example.com
                    studies: [care-gap]
                  - name: Wrong
                """);
        for (String fine : List.of("address: wrong@example.com", "studies: [care-gap]")) {
            if (!fine.startsWith(field + ":")) {
                wrong.append("    ").append(fine).append('\n');
            }
        }
        wrong.append("    ").append(line).append('\n');

        assertThatThrownBy(() -> read(wrong.toString()))
                .isInstanceOf(StakeholdersException.class)
                .hasMessageStartingWith("The stakeholders file config/stakeholders.yaml, entry 2 (Wrong): ")
                .hasMessageContaining(fault);
    }

    @Test
    void aWrongEntryStopsTheStartWithOneSentenceAndWhatToDo() {
        StakeholdersException wrong = new StakeholdersException(
                "The stakeholders file x.yaml, entry 1 (A): unknown attachment 'pdf' (known: xlsx, html, csv).", null);
        FailureAnalysis analysis = new StartupFailureAnalyzer(null).analyze(new IllegalStateException("context", wrong));
        assertThat(analysis.getDescription()).isEqualTo(wrong.getMessage());
        assertThat(analysis.getAction()).contains("caregap.stakeholders");
    }

    @Test
    void oneAddressIsOneEntry() {
        assertThatThrownBy(() -> read(entry("") + """
                  - name: Again
                    address: SOMEONE@example.com
                    studies: [care-gap]
                """)).hasMessageContaining("entry 2 (Again): the address SOMEONE@example.com is already an earlier entry's");
    }

    private static String entry(String more) {
        return """
                stakeholders:
                  - name: One
                    address: someone@example.com
                    studies: [care-gap]
                    %s
                """.formatted(more);
    }

    private static List<Stakeholder> read(String yaml) throws IOException {
        return StakeholdersFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config/stakeholders.yaml",
                STUDIES);
    }
}
