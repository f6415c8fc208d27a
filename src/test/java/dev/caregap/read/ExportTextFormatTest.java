package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.cells;
import static dev.caregap.read.TestExports.line;
import static dev.caregap.read.TestExports.readAll;
import static dev.caregap.read.TestExports.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ExportTextFormatTest {

    private static final String TIDY = "respondent_id,C_CARE,C_COMMENT\n1,Agree,Très bien\n";

    @TempDir
    Path dir;

    private String formatOf(Path file) {
        try (Export export = READER.open(file)) {
            return export.format();
        }
    }

    @Test
    void readsUtf8WithAndWithoutByteOrderMark() {
        Path withBom = write(dir, "bom.csv", TIDY, StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        Path without = write(dir, "plain.csv", TIDY);

        assertThat(formatOf(withBom)).isEqualTo("CSV (UTF-8 BOM, ',')");
        assertThat(formatOf(without)).isEqualTo("CSV (UTF-8, ',')");
        assertThat(readAll(withBom).get(0).respondentId()).isEqualTo("1");
        assertThat(cells(readAll(withBom).get(0))).containsEntry("C_COMMENT", "Très bien");
        assertThat(cells(readAll(without).get(0))).containsEntry("C_COMMENT", "Très bien");
    }

    @Test
    void aNulCharacterInACellReadsAsAReplacementCharacterAfterAByteOrderMarkOrPastTheFilesFirstBytes() {
        String header = line("respondent_id", "C_COUNTRY", "C_COMMENT");
        String nul = line("R\u00001", "Austr\u0000alia", "fine");
        Path withBom = write(dir, "nul-bom.csv", header + nul, StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        Path late = write(dir, "nul-late.csv", header + line("R0", "Australia", "x".repeat(70_000)) + nul);

        for (Path file : List.of(withBom, late)) {
            RawResponse read = readAll(file).get(file == late ? 1 : 0);
            assertThat(read.respondentId()).as(file.getFileName().toString()).isEqualTo("R\uFFFD1");
            assertThat(cells(read)).as(file.getFileName().toString()).containsEntry("C_COUNTRY", "Austr\uFFFDalia");
        }
    }

    @Test
    void readsUtf16LittleAndBigEndianWithByteOrderMark() {
        Path little = write(dir, "le.csv", TIDY, StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE);
        Path big = write(dir, "be.csv", TIDY, StandardCharsets.UTF_16BE, (byte) 0xFE, (byte) 0xFF);

        assertThat(formatOf(little)).isEqualTo("CSV (UTF-16LE BOM, ',')");
        assertThat(formatOf(big)).isEqualTo("CSV (UTF-16BE BOM, ',')");
        assertThat(cells(readAll(little).get(0))).containsExactly(entry("C_CARE", "Agree"), entry("C_COMMENT", "Très bien"));
        assertThat(cells(readAll(big).get(0))).containsExactly(entry("C_CARE", "Agree"), entry("C_COMMENT", "Très bien"));
    }

    @Test
    void fallsBackToWindows1252WhenTheBytesAreNotUtf8() {
        Path file = write(dir, "latin.csv", TIDY, TextFormat.WINDOWS_1252);

        assertThat(formatOf(file)).isEqualTo("CSV (Windows-1252, ',')");
        assertThat(cells(readAll(file).get(0))).containsEntry("C_COMMENT", "Très bien");
    }

    @Test
    void aUtf8CharacterCutByTheSampleEndStillCountsAsUtf8() {
        // "é" is two bytes; put its first byte as the last byte of the 64 KiB sample.
        String padding = "x".repeat(64 * 1024 - "respondent_id,C_COMMENT\n1,".length() - 1);
        Path file = write(dir, "long.csv", "respondent_id,C_COMMENT\n1," + padding + "é\n");

        assertThat(formatOf(file)).isEqualTo("CSV (UTF-8, ',')");
        assertThat(cells(readAll(file).get(0)).get("C_COMMENT")).endsWith("xé");
    }

    @Test
    void decidesTheEncodingOnTheWholeFileNotOnItsStart() {
        StringBuilder ascii = new StringBuilder("respondent_id,C_COMMENT\n");
        for (int i = 1; ascii.length() < 70 * 1024; i++) {
            ascii.append(i).append(",plain ascii comment\n");
        }
        String late = ascii + "9999,Caf\u00e9\u00a0au lait\n";
        Path windows = write(dir, "late-1252.csv", late, TextFormat.WINDOWS_1252);
        Path utf8 = write(dir, "late-utf8.csv", late);

        assertThat(formatOf(windows)).isEqualTo("CSV (Windows-1252, ',')");
        assertThat(formatOf(utf8)).isEqualTo("CSV (UTF-8, ',')");
        List<RawResponse> responses = readAll(windows);
        assertThat(cells(responses.get(responses.size() - 1))).containsEntry("C_COMMENT", "Caf\u00e9\u00a0au lait");
        List<RawResponse> fromUtf8 = readAll(utf8);
        assertThat(cells(fromUtf8.get(fromUtf8.size() - 1))).containsEntry("C_COMMENT", "Caf\u00e9\u00a0au lait");
    }

    @Test
    void detectsSemicolonAndTabDelimiters() {
        Path semicolon = write(dir, "semi.csv", "respondent_id;C_CARE;C_COMMENT\n1;Agree;\"a, b; c\"\n");
        Path tab = write(dir, "tab.tsv", "respondent_id\tC_CARE\tC_COMMENT\n1\tAgree\ta, b; c\n");

        assertThat(formatOf(semicolon)).isEqualTo("CSV (UTF-8, ';')");
        assertThat(formatOf(tab)).isEqualTo("CSV (UTF-8, tab)");
        assertThat(cells(readAll(semicolon).get(0))).containsExactly(entry("C_CARE", "Agree"), entry("C_COMMENT", "a, b; c"));
        assertThat(cells(readAll(tab).get(0))).containsExactly(entry("C_CARE", "Agree"), entry("C_COMMENT", "a, b; c"));
    }

    @Test
    void findsTheDelimiterPastLeadingBlankLines() {
        Path file = write(dir, "blank-first.csv", "\n  \n;;\nTimestamp;What is your age?;In which country do you live?\n"
                + "1/15/2024 10:00:00;34;US\n");

        assertThat(formatOf(file)).isEqualTo("CSV (UTF-8, ';')");
        List<RawResponse> responses = readAll(file);
        assertThat(responses).extracting(RawResponse::row).containsExactly(5L);
        assertThat(cells(responses.get(0))).containsExactly(entry("C_AGE", "34"), entry("C_COUNTRY", "US"));
    }

    @Test
    void findsSemicolonsWhenQuestionTextsHoldMoreCommas() {
        Path file = write(dir, "form-semicolon.csv", "Timestamp;For urgent or real-time messages, such as outage notifications, "
                + "appointment reminders or account balance alerts, which ONE channel do you prefer?;"
                + "Overall, the companies I do business with care about me as a customer.\n"
                + "1/15/2024 10:00:00;Email;Agree\n"
                + "1/16/2024 11:00:00;\"Text message, SMS\";Disagree\n");

        assertThat(formatOf(file)).isEqualTo("CSV (UTF-8, ';')");
        List<RawResponse> responses = readAll(file);
        assertThat(cells(responses.get(0))).containsExactly(entry("C_PREF_URGENT", "Email"), entry("C_CARE", "Agree"));
        assertThat(cells(responses.get(1))).containsExactly(entry("C_PREF_URGENT", "Text message, SMS"),
                entry("C_CARE", "Disagree"));
    }

    @Test
    void readsCrlfLineEnds() {
        Path file = write(dir, "crlf.csv", "respondent_id,C_CARE\r\n1,Agree\r\n2,Disagree\r\n");

        List<RawResponse> responses = readAll(file);

        assertThat(responses).extracting(RawResponse::respondentId).containsExactly("1", "2");
        assertThat(responses).extracting(r -> r.cells().get(0).value()).containsExactly("Agree", "Disagree");
    }

    @Test
    void readsQuotedDelimitersQuotesAndLineBreaksAndNumbersRowsAsASpreadsheetDoes() {
        Path file = write(dir, "quoted.csv", "respondent_id,C_COMMENT,C_CARE\r\n"
                + "1,\"They said \"\"hi\"\", then\r\nleft, twice\",Agree\r\n"
                + "2,plain,Disagree\r\n");

        List<RawResponse> responses = readAll(file);

        assertThat(cells(responses.get(0))).containsExactly(entry("C_COMMENT", "They said \"hi\", then\r\nleft, twice"),
                entry("C_CARE", "Agree"));
        assertThat(responses).extracting(RawResponse::row).containsExactly(2L, 3L);
    }

    @Test
    void skipsBlankRowsAndKeepsRowNumbers() {
        Path file = write(dir, "blank.csv", "respondent_id,C_CARE\n\n1,Agree\n,\n  ,  \n2,Agree\n\n\n");

        List<RawResponse> responses = readAll(file);

        assertThat(responses).extracting(RawResponse::row).containsExactly(3L, 6L);
    }

    @Test
    void keepsRowsWithExtraCellsAndReadsMissingCellsAsEmpty() {
        Path file = write(dir, "ragged.csv", "respondent_id,C_CARE,C_GENDER\n1,Agree,Male,extra,more\n2,Agree\n");

        List<RawResponse> responses = readAll(file);

        assertThat(cells(responses.get(0))).containsExactly(entry("C_CARE", "Agree"), entry("C_GENDER", "Male"));
        assertThat(cells(responses.get(1))).containsExactly(entry("C_CARE", "Agree"), entry("C_GENDER", ""));
    }

    @Test
    void acceptsAFileWithHeadersOnly() {
        Path tidy = write(dir, "tidy.csv", "respondent_id,C_CARE\n");
        Path qualtrics = write(dir, "qualtrics.csv", ExportLayoutsTest.QUALTRICS_CONSUMER);

        assertThat(readAll(tidy)).isEmpty();
        try (Export export = READER.open(qualtrics)) {
            assertThat(export.layout()).isEqualTo(Layout.QUALTRICS);
            assertThat(export.hasNext()).isFalse();
        }
    }

    @Test
    void recognisesTheLayoutFromContentNotFromTheFileName() {
        Path file = write(dir, "qualtrics-export.xlsx", "respondent_id,C_CARE\n1,Agree\n");

        try (Export export = READER.open(file)) {
            assertThat(export.layout()).isEqualTo(Layout.TIDY);
            assertThat(export.format()).startsWith("CSV");
        }
    }
}
