package dev.caregap.read;

import dev.caregap.read.HandMadeZip.Piece;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.caregap.read.HandMadeWorkbook.headerSheet;
import static dev.caregap.read.HandMadeWorkbook.sheetEnd;
import static dev.caregap.read.HandMadeWorkbook.sheetStart;
import static dev.caregap.read.HandMadeWorkbook.stringsEnd;
import static dev.caregap.read.HandMadeWorkbook.stringsStart;
import static dev.caregap.read.TestExports.CARE_GAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Workbooks made to cost far more to read than they weigh are rejected as they pass a {@link WorkbookLimits}
 * limit, saying which and what it is, before the memory is spent. The largest are read in a JVM of their own with
 * a small heap, in which reading them whole would run out of memory.
 */
class HostileWorkbookTest {

    private static final String ADVICE = " Save its sheet as CSV instead: a CSV file is read row by row, whatever its size.";

    @TempDir
    Path dir;

    /** The shared texts C_CARE and C_TRUST, which the sheet's header row points at; then {@code texts} more. */
    private static Piece[] strings(long uniqueCount, Piece... texts) {
        Piece[] pieces = new Piece[texts.length + 3];
        pieces[0] = stringsStart(uniqueCount);
        pieces[1] = Piece.of("<si><t>C_CARE</t></si><si><t>C_TRUST</t></si>");
        System.arraycopy(texts, 0, pieces, 2, texts.length);
        pieces[pieces.length - 1] = stringsEnd();
        return pieces;
    }

    /**
     * A hundred shared texts of 1,200 characters, each ending in 24 random letters: repeated, they compress about 54:1,
     * as the issue's workbook did (34 MB for 1.8 GB of XML), under POI's zip-bomb ratio of 100:1.
     */
    private static String hundredTexts() {
        Random random = new Random(1);
        StringBuilder texts = new StringBuilder();
        for (int t = 0; t < 100; t++) {
            texts.append("<si><t>");
            for (int i = 0; i < 1_176; i++) {
                texts.append((char) ('a' + (i * 7) % 26));
            }
            for (int i = 0; i < 24; i++) {
                texts.append((char) ('a' + random.nextInt(26)));
            }
            texts.append("</t></si>");
        }
        return texts.toString();
    }

    private static ExportRejectedException rejection(Path file, WorkbookLimits limits) {
        ExportReader reader = new ExportReader(List.of(CARE_GAP), limits);
        return catchThrowableOfType(ExportRejectedException.class, () -> {
            try (Export export = reader.open(file)) {
                export.forEachRemaining(r -> { });
            }
        });
    }

    @Test
    void rejectsTheIssuesWorkbookOfOneAndAHalfMillionLongSharedTextsAtOnceInASmallHeap() throws Exception {
        // 1.5 million texts of 1,200 characters: 1.8 GB of XML in 34 MB (the reader before the limits ran out of memory)
        Path file = HandMadeWorkbook.write(dir.resolve("issue.xlsx"), headerSheet(2),
                strings(1_500_002, Piece.repeated(hundredTexts(), 15_000)));
        assertThat(Files.size(file)).isBetween(30L << 20, 40L << 20);

        ReadInSmallHeap.Outcome outcome = ReadInSmallHeap.run(file, "64m");

        assertThat(outcome.line()).isEqualTo("REJECTED The workbook is too large to read safely: its part xl/sharedStrings.xml"
                + " unpacks to 1,740 MB, past the limit of 1,024 MB for the parts of one workbook together." + ADVICE
                + " | file issue.xlsx: xl/sharedStrings.xml declares 1,824,000,198 bytes unpacked, after 1,822 bytes of other parts");
        assertThat(outcome.millis()).as("rejected without unpacking it").isLessThan(10_000);
    }

    @Test
    void stopsReadingSharedTextsPastSixtyFourMillionCharactersInAHeapTooSmallToHoldThem() throws Exception {
        // 600 million characters, under the limit of unpacked bytes: only the limit of characters stops them
        Path file = HandMadeWorkbook.write(dir.resolve("texts.xlsx"), headerSheet(2),
                strings(-1, Piece.repeated(hundredTexts(), 5_000)));

        ReadInSmallHeap.Outcome outcome = ReadInSmallHeap.run(file, "160m");

        assertThat(outcome.line()).startsWith("REJECTED The workbook is too large to read safely: its shared texts hold more"
                        + " than 64,000,000 characters, past the limit of 64,000,000 characters." + ADVICE
                        + " | file texts.xlsx: xl/sharedStrings.xml, stopped at text 53,3");
    }

    @Test
    void stopsAPartThatHoldsMoreThanItDeclaresOnceItsBytesPassTheLimit() throws IOException {
        // XML comments: no text, no shared string; only the count of unpacked bytes can stop them
        Path file = HandMadeWorkbook.write(dir.resolve("liar.xlsx"), headerSheet(2),
                strings(2, Piece.repeated("<!--" + "x".repeat(1_000) + "-->", 8_000)), 1_000, HandMadeWorkbook.STYLES);
        WorkbookLimits limits = new WorkbookLimits(4L << 20, 1L << 20, 1_000, 1_000_000, 64L << 20, 16_384, 1_000);

        ExportRejectedException e = rejection(file, limits);

        assertThat(e.getMessage()).isEqualTo("The workbook is too large to read safely: its parts unpack to more than 4 MB"
                + " together, past the limit of 4 MB for the parts of one workbook together." + ADVICE);
        assertThat(e.details()).startsWith("file liar.xlsx: stopped in xl/sharedStrings.xml after 4,");
    }

    @Test
    void rejectsMoreSharedTextsThanTheLimitAsItIsPassedOrAtOnceWhenTheTableDeclaresThem() throws IOException {
        WorkbookLimits limits = new WorkbookLimits(1L << 30, 16L << 20, 1_000, 64_000_000, 16L << 20, 16_384, 1_000);
        Path counted = HandMadeWorkbook.write(dir.resolve("counted.xlsx"), headerSheet(2),
                strings(-1, Piece.repeated("<si><t>x</t></si>", 999)));
        Path declared = HandMadeWorkbook.write(dir.resolve("declared.xlsx"), headerSheet(2),
                strings(5_000, Piece.repeated("<si><t>x</t></si>", 998)));
        Path within = HandMadeWorkbook.write(dir.resolve("within.xlsx"), headerSheet(2),
                strings(1_000, Piece.repeated("<si><t>x</t></si>", 998)));

        assertThat(rejection(counted, limits).getMessage()).isEqualTo("The workbook is too large to read safely: its table"
                + " of shared texts holds more than 1,000 texts, past the limit of 1,000 texts." + ADVICE);
        assertThat(rejection(counted, limits).details()).isEqualTo("file counted.xlsx: xl/sharedStrings.xml stopped at text 1,001");
        assertThat(rejection(declared, limits).getMessage()).startsWith("The workbook is too large to read safely: its table"
                + " of shared texts holds 5,000 texts, past the limit of 1,000 texts.");
        assertThat(rejection(within, limits)).as("1,000 texts are within the limit").isNull();
    }

    @Test
    void rejectsACellPastColumnXfdWithoutMakingRoomForIt() throws IOException {
        Path file = HandMadeWorkbook.write(dir.resolve("wide.xlsx"), new Piece[]{sheetStart(),
                Piece.of("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"ZZZZZZZZZZ1\" t=\"s\"><v>1</v></c></row>"),
                sheetEnd()}, strings(2));

        ExportRejectedException e = rejection(file, WorkbookLimits.DEFAULT);

        assertThat(e.getMessage()).isEqualTo("The workbook is too large to read safely: row 1 of its first sheet has a cell"
                + " in column ZZZZZZZZZZ, past the limit of 16,384 columns (up to XFD, Excel's own limit)." + ADVICE);
        assertThat(e.details()).isEqualTo("file wide.xlsx: row 1, cell ZZZZZZZZZZ1");
    }

    @Test
    void rejectsARowThatRunsOnForMoreThanSixteenMegabytesOfXml() throws IOException {
        Path file = HandMadeWorkbook.write(dir.resolve("long-row.xlsx"), new Piece[]{sheetStart(),
                Piece.of("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>"),
                Piece.repeated("y".repeat(64 * 1024), 17 * 16), Piece.of("</t></is></c></row>"), sheetEnd()}, strings(2));

        ExportRejectedException e = rejection(file, WorkbookLimits.DEFAULT);

        assertThat(e.getMessage()).isEqualTo("The workbook is too large to read safely: row 2 of its first sheet runs on for"
                + " more than 16 MB of XML, past the limit of 16 MB for one row." + ADVICE);
        assertThat(e.details()).isEqualTo("file long-row.xlsx: after row 1");
    }

    @Test
    void refusesAPartReadWholeThatDeclaresMoreThanTenMegabytes() throws IOException {
        String styles = HandMadeWorkbook.STYLES.replace("<fonts", "<!--" + "z".repeat((11 << 20) - 2_000) + "--><fonts");
        Path file = HandMadeWorkbook.write(dir.resolve("styles.xlsx"), headerSheet(2), strings(2), -1, styles);

        ExportRejectedException e = rejection(file, WorkbookLimits.DEFAULT);

        assertThat(e.getMessage()).isEqualTo("The workbook is too large to read safely: its part xl/styles.xml unpacks to"
                + " 11 MB, past the limit of 10 MB for a part that is read whole." + ADVICE);
    }

    @Test
    void rejectsAWorkbookOfMoreThanAThousandParts() throws IOException {
        Path file = dir.resolve("parts.xlsx");
        try (HandMadeZip zip = new HandMadeZip(file)) {
            zip.entry("xl/workbook.xml", Piece.of("<workbook/>"));
            for (int i = 0; i < 1_000; i++) {
                zip.entry("xl/media/image" + i + ".png", Piece.of("x"));
            }
        }

        ExportRejectedException e = rejection(file, WorkbookLimits.DEFAULT);

        assertThat(e.getMessage()).isEqualTo("The workbook is too large to read safely: it has 1,001 parts, past the limit"
                + " of 1,000 parts." + ADVICE);
    }
}
