package dev.caregap.read;

import dev.caregap.sample.SyntheticExport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An export read in parts hands over exactly the responses it hands over read whole: the same rows, numbers, cells
 * and read issues, and the same rejection where the file breaks off, whatever its quotes, line ends and encoding.
 */
class ExportPartsTest {

    private static final ExportReader READER = TestExports.READER;
    private static final String HEADER = "respondent_id,C_COUNTRY,C_CARE,C_COMMENT,Notes";

    @TempDir
    Path dir;

    /** What reading gave: the responses in order, then the rejection's message if the file broke off. */
    private record Reading(List<RawResponse> responses, String rejection) {
    }

    private static Reading whole(Path file) {
        List<RawResponse> responses = new ArrayList<>();
        try (Export export = READER.open(file)) {
            while (export.hasNext()) {
                responses.add(export.next());
            }
            return new Reading(responses, null);
        } catch (ExportRejectedException e) {
            return new Reading(responses, e.getMessage());
        }
    }

    /** Reads the parts one after the other, as their threads would side by side. */
    private static Reading inParts(Path file, int most, long leastBytes, List<Integer> partsSeen) {
        List<RawResponse> responses = new ArrayList<>();
        Export export = READER.open(file);
        List<Export> parts = export.parts(most, leastBytes);
        partsSeen.add(parts.size());
        try {
            for (Export part : parts) {
                while (part.hasNext()) {
                    responses.add(part.next());
                }
            }
            return new Reading(responses, null);
        } catch (ExportRejectedException e) {
            return new Reading(responses, e.getMessage());
        } finally {
            parts.forEach(Export::close);
        }
    }

    /** A cell as people and tools write them: plain, quoted with delimiters, line ends and quotes inside, or odd. */
    @Provide
    Arbitrary<String> cell() {
        return Arbitraries.of("", "R1", "R22", "United Kingdom", "Agree", "Disagree", "NA", "café crème",
                "\"Agree\"", "\"a, b\"", "\"two\nlines\"", "\"cr lf\r\ninside\"", "\"lone\rcr\"", "\"said \"\"hi\"\"\"",
                "\"b\"x", "5\" tv", "\"\"", "\"x\"\"\"\"\"", "a;b", "\"\n\"");
    }

    @Provide
    Arbitrary<String> row() {
        Arbitrary<List<String>> cells = cell().list().ofMinSize(1).ofMaxSize(7);
        Arbitrary<String> lineEnd = Arbitraries.of("\n", "\r\n", "\r", "\n\n", "\r\n\r\n");
        return Combinators.combine(cells, lineEnd).as((c, end) -> String.join(",", c) + end);
    }

    @Provide
    Arbitrary<List<String>> rows() {
        return row().list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void aTextExportReadInPartsGivesTheResponsesItGivesReadWhole(
            @ForAll("rows") List<String> rows, @ForAll @IntRange(min = 2, max = 6) int most,
            @ForAll @IntRange(min = 1, max = 120) int leastBytes, @ForAll boolean windows1252,
            @ForAll boolean byteOrderMark, @ForAll boolean lastLineEnd) throws IOException {
        String text = HEADER + "\r\n" + String.join("", rows);
        if (!lastLineEnd) {
            text = text.stripTrailing();
        }
        Charset charset = windows1252 ? TextFormat.WINDOWS_1252 : StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (byteOrderMark && !windows1252) {
            bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        bytes.write(text.getBytes(charset));
        Path file = Files.write(Files.createTempFile("caregap-parts", ".csv"), bytes.toByteArray());  // no @TempDir here
        try {
            Reading parts = inParts(file, most, leastBytes, new ArrayList<>());

            assertThat(parts).isEqualTo(whole(file));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aQualtricsExportIsCutIntoAsManyPartsAsAskedAndReadsAsWhole() throws IOException {
        Path file = dir.resolve("qualtrics.csv");
        SyntheticExport.writeQualtrics(file, "consumer", 3_000, 7L);
        List<Integer> partsSeen = new ArrayList<>();

        Reading parts = inParts(file, 4, 100_000, partsSeen);

        assertThat(partsSeen).containsExactly(4);
        assertThat(parts.responses()).hasSize(3_000);
        assertThat(parts).isEqualTo(whole(file));
    }

    @Test
    void aFileSmallerThanTwoPartsIsOnePart() throws IOException {
        Path file = Files.writeString(dir.resolve("small.csv"), HEADER + "\nR1,United Kingdom,Agree,,\n");
        try (Export export = READER.open(file)) {
            assertThat(export.parts(4, 1_000)).containsExactly(export);
        }
    }

    @Test
    void aQuoteNeverClosedLeavesNoCutAfterItAndIsRejectedAsWhenReadWhole() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        for (int i = 1; i <= 200; i++) {
            csv.append("R").append(i).append(",United Kingdom,Agree,").append(i == 60 ? "\"never closed" : "fine").append(",\n");
        }
        Path file = Files.writeString(dir.resolve("unclosed.csv"), csv);
        List<Integer> partsSeen = new ArrayList<>();

        Reading parts = inParts(file, 4, 100, partsSeen);

        assertThat(partsSeen).containsExactly(2);  // cut before row 61 only: every byte after belongs to the open quote
        assertThat(parts.rejection()).contains("row 61");
        assertThat(parts).isEqualTo(whole(file));
    }

    @Test
    void aWorkbookOrAUtf16FileIsOnePart() throws IOException {
        Path utf16 = dir.resolve("utf16.csv");
        StringBuilder csv = new StringBuilder("\uFEFF" + HEADER + "\n");
        for (int i = 1; i <= 100; i++) {
            csv.append("R").append(i).append(",United Kingdom,Agree,,\n");
        }
        Files.writeString(utf16, csv, StandardCharsets.UTF_16LE);
        try (Export export = READER.open(utf16)) {
            assertThat(export.parts(4, 10)).containsExactly(export);
        }
        Path workbook = dir.resolve("consumers.xlsx");
        RowsWorkbook.write(workbook, List.of(new String[] {"respondent_id", "C_COUNTRY", "C_CARE"},
                new String[] {"R1", "United Kingdom", "Agree"}).iterator());
        try (Export export = READER.open(workbook)) {
            assertThat(export.parts(4, 1)).containsExactly(export);
        }
    }

    @Test
    void partsAreTakenBeforeTheFirstResponse() throws IOException {
        Path file = Files.writeString(dir.resolve("started.csv"), HEADER + "\nR1,United Kingdom,Agree,,\nR2,Spain,Agree,,\n");
        try (Export export = READER.open(file)) {
            export.next();
            assertThatThrownBy(() -> export.parts(2, 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aMisplacedCutFailsTheReadingWhereThePartsMeetInsteadOfCountingWrongRows() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        for (int i = 1; i <= 100; i++) {
            csv.append("R").append(i).append(",United Kingdom,Agree,\"a comment\nof two lines\",\n");
        }
        Path file = Files.writeString(dir.resolve("comments.csv"), csv);
        long inside = Files.readString(file).indexOf("of two lines", 2_000);  // a line break inside a quoted field

        try (Export export = READER.open(file)) {
            List<Export> parts = export.partsAt(List.of(new TextParts.Cut(inside, 30)));
            try {
                assertThat(parts).hasSize(2);
                assertThatThrownBy(() -> {
                    for (Export part : parts) {
                        while (part.hasNext()) {
                            part.next();
                        }
                    }
                }).isInstanceOf(IllegalStateException.class).hasMessageContaining("do not meet after row 30");
            } finally {
                parts.get(1).close();
            }
        }
    }
}
