package dev.caregap.sample;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticExportTest {

    @TempDir
    Path folder;

    @Test
    void writesThreeHeaderRowsAndOneRowPerRespondent() throws IOException {
        Path file = folder.resolve("consumers.csv");
        SyntheticExport.writeQualtrics(file, "consumer", 1_000, 7);

        List<CSVRecord> records = records(file);
        assertThat(records).hasSize(1_003);
        assertThat(records.get(0).get(0)).isEqualTo("StartDate");
        assertThat(records.get(2).get(0)).startsWith("{\"ImportId\"");
        assertThat(records.subList(3, records.size()))
                .allSatisfy(r -> assertThat(r.size()).isEqualTo(records.get(0).size()));
        long unfinished = records.subList(3, records.size()).stream().filter(r -> r.get(6)
                .equals("False")).count();
        assertThat(unfinished).isBetween(5L, 45L);
    }

    @Test
    void writesBusinessExportsWithUniqueIds() throws IOException {
        Path file = folder.resolve("businesses.csv");
        SyntheticExport.writeQualtrics(file, "business", 500, 1);

        List<CSVRecord> records = records(file);
        assertThat(records).hasSize(503);
        assertThat(records.get(0).toList()).contains("B_CARE", "B_NO_MOBILE_REASONS_OTHER");
        assertThat(records.subList(3, records.size()).stream().map(r -> r.get(8)).distinct()).hasSize(500);
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        SyntheticExport.writeQualtrics(folder.resolve("a.csv"), "consumer", 300, 42);
        SyntheticExport.writeQualtrics(folder.resolve("b.csv"), "consumer", 300, 42);
        SyntheticExport.writeQualtrics(folder.resolve("c.csv"), "consumer", 300, 43);

        byte[] first = Files.readAllBytes(folder.resolve("a.csv"));
        assertThat(Files.readAllBytes(folder.resolve("b.csv"))).isEqualTo(first);
        assertThat(Files.readAllBytes(folder.resolve("c.csv"))).isNotEqualTo(first);
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(text.substring(1), CSVFormat.DEFAULT)) {
            return parser.getRecords();
        }
    }
}
