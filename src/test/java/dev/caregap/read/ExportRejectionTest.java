package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.readAll;
import static dev.caregap.read.TestExports.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportRejectionTest {

    @TempDir
    Path dir;

    private ExportRejectedException rejection(Path file) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> readAll(file));
        assertThat(thrown).isInstanceOf(ExportRejectedException.class);
        ExportRejectedException e = (ExportRejectedException) thrown;
        assertThat(e.details()).contains(file.getFileName().toString());
        return e;
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThat(rejection(write(dir, "empty.csv", new byte[0])).getMessage()).isEqualTo("The file is empty.");
        assertThat(rejection(write(dir, "blank.csv", "\n\n ,\n")).getMessage()).isEqualTo("The file is empty.");
    }

    @Test
    void rejectsBinaryContent() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};

        assertThat(rejection(write(dir, "picture.csv", png)).getMessage())
                .isEqualTo("The file holds binary data, neither text nor a workbook: caregap reads CSV/TSV text files and .xlsx workbooks.");
    }

    @Test
    void rejectsAFileTruncatedInsideAQuotedField() {
        Path file = write(dir, "cut.csv", "respondent_id,C_COMMENT\n1,fine\n2,\"fine\"\n3,\"It was a long\nstory, and then");

        try (Export export = READER.open(file)) {
            assertThat(export.next().row()).isEqualTo(2);
            assertThat(export.next().row()).isEqualTo(3);
            assertThatThrownBy(export::hasNext).isInstanceOf(ExportRejectedException.class)
                    .hasMessage("The file ends inside a quoted field that starts on row 4.")
                    .satisfies(e -> assertThat(((ExportRejectedException) e).details()).contains("cut.csv", "row 4"));
        }
    }

    /** Row 4 of each file, after two whole rows (the first with a quoted line break and a doubled quote). */
    static Stream<Arguments> rowsThatRunOnForMoreThanAMillionCharacters() {
        StringBuilder unclosed = new StringBuilder("3,\"oops\n");
        while (unclosed.length() < 1_100_000) {
            unclosed.append("3,Agree,what follows is swallowed by the open quote\n");
        }
        return Stream.of(
                Arguments.of("a quote never closed", unclosed.toString(),
                        "A field that starts on row 4 runs on for more than 1,000,000 characters."),
                Arguments.of("one cell with no line end", "3," + "x".repeat(1_100_000) + "\n4,never read\n",
                        "A field that starts on row 4 runs on for more than 1,000,000 characters."),
                Arguments.of("many long cells", "3" + ("," + "y".repeat(100_000)).repeat(11) + "\n4,never read\n",
                        "Row 4 runs on for more than 1,000,000 characters."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsThatRunOnForMoreThanAMillionCharacters")
    void stopsReadingARowThatRunsOnForMoreThanAMillionCharactersAfterTheRowsBeforeIt(String what, String fourthRow, String message) {
        Path file = write(dir, "runs-on.csv", "respondent_id,C_COMMENT\n1,\"fine\"\"\nstill fine\"\n2,ok\n" + fourthRow);

        try (Export export = READER.open(file)) {
            assertThat(export.next().row()).isEqualTo(2);
            assertThat(export.next().row()).isEqualTo(3);
            assertThatThrownBy(export::hasNext).isInstanceOf(ExportRejectedException.class)
                    .hasMessage(message)
                    .satisfies(e -> assertThat(((ExportRejectedException) e).details()).contains("runs-on.csv", "row 4"));
        }
    }

    @Test
    void rejectsAnUnknownLayoutSayingWhatWasExpected() {
        ExportRejectedException e = rejection(write(dir, "orders.csv", "order,amount\n1,9.99\n"));

        assertThat(e.getMessage()).contains("Qualtrics, SurveyMonkey, Google Forms or tidy", "ImportId", "Timestamp");
    }

    @Test
    void rejectsAFileThatMatchesNoQuestion() {
        ExportRejectedException e = rejection(write(dir, "form.csv", "Timestamp,Favourite colour?\n3/1/2024 10:00:00,Blue\n"));

        assertThat(e.getMessage()).isEqualTo("The file matches no question of any study.");
    }

    @Test
    void rejectsAFileOfBothSegmentsWithoutASegmentColumn() {
        ExportRejectedException e = rejection(write(dir, "mixed.csv", "respondent_id,C_CARE,B_CARE\n1,Agree,Agree\n"));

        assertThat(e.getMessage()).contains("consumer and business", "no segment column");
        assertThat(e.details()).contains("C_CARE", "B_CARE");
    }

    private static final String READS = "caregap reads CSV/TSV text files and .xlsx workbooks";
    private static final String READS_TEXT = "caregap reads CSV/TSV text in UTF-8, Windows-1252 or UTF-16 with a byte order mark, "
            + "and .xlsx workbooks";

    @Test
    void tellsAZipArchiveOfAnExportToUnzipIt() throws IOException {
        ExportRejectedException e = rejection(write(dir, "export.zip", zipOf("responses.csv")));

        assertThat(e.getMessage()).isEqualTo("The file is a zip archive that holds no workbook: " + READS + ". "
                + "Unzip it and drop the export inside.");
        assertThat(e.details()).isEqualTo("file export.zip: 1 entry, such as responses.csv");
        assertThat(rejection(write(dir, "photos.zip", zipOf("a.jpg", "b.jpg"))).getMessage())
                .isEqualTo("The file is a zip archive that holds no workbook: " + READS + ".");
    }

    @Test
    void namesAnOfficeDocumentThatIsNoWorkbook() throws IOException {
        assertThat(rejection(write(dir, "archive.csv", zipWith("word/document.xml"))).getMessage())
                .isEqualTo("The file is a Word document (.docx), not a survey export: " + READS + ".");
    }

    @Test
    void tellsADamagedZipArchiveFromADamagedWorkbook() throws IOException {
        byte[] cut = java.util.Arrays.copyOf(new byte[]{'P', 'K', 3, 4}, 200);
        byte[] noContentTypes = zipOf("xl/workbook.xml", "xl/worksheets/sheet1.xml");

        assertThat(rejection(write(dir, "cut.xlsx", cut)).getMessage()).isEqualTo("The file is a zip archive that cannot be"
                + " opened, damaged or cut short: " + READS + " (an .xlsx workbook is a zip archive: if this is one, save or"
                + " download it again).");
        assertThat(rejection(write(dir, "broken.xlsx", noContentTypes)).getMessage()).isEqualTo("The file is an Excel"
                + " workbook (.xlsx) that cannot be opened; it may be damaged: open it in Excel and save it again, or save its"
                + " sheet as CSV.");
    }

    @Test
    void aDamagedTableOfSharedTextsIsRejectedWithWhereItBreaksButNoneOfItsText() throws IOException {
        // an unescaped "<" in a text: the XML parser's message would quote the element name it found there
        Path file = HandMadeWorkbook.write(dir.resolve("damaged.xlsx"), HandMadeWorkbook.headerSheet(1),
                new HandMadeZip.Piece[]{HandMadeWorkbook.stringsStart(-1),
                        HandMadeZip.Piece.of("<si><t>C_CARE</t></si><si><t>Jane Doe <jane.doe@example.com></t></si>"),
                        HandMadeWorkbook.stringsEnd()});

        ExportRejectedException e = rejection(file);

        assertThat(e.getMessage()).isEqualTo("The file is an Excel workbook (.xlsx) that cannot be opened; it may be"
                + " damaged: open it in Excel and save it again, or save its sheet as CSV.");
        assertThat(e.details()).startsWith("file damaged.xlsx: xl/sharedStrings.xml is damaged (SAXParseException, line 1,");
        assertThat(e.getMessage() + " " + e.details()).doesNotContain("jane.doe").doesNotContain("Jane");
    }

    @Test
    void anyOtherDamagedPartIsRejectedWithoutTheMessageOfWhatFailed() throws IOException {
        // POI passes the XML parser's message on in an IOException of its own
        Path file = HandMadeWorkbook.write(dir.resolve("styles.xlsx"), HandMadeWorkbook.headerSheet(1), null, -1,
                HandMadeWorkbook.STYLES.replace("<fonts", "<jane.doe@example.com><fonts"));

        ExportRejectedException e = rejection(file);

        assertThat(e.details()).isEqualTo("file styles.xlsx: IOException");
    }

    @Test
    void tellsAZipBombItUnpacksPastTheLimitRatherThanThatItsXmlIsDamaged() throws IOException {
        Path file = HandMadeWorkbook.write(dir.resolve("bomb.xlsx"), new HandMadeZip.Piece[]{HandMadeWorkbook.sheetStart(),
                HandMadeZip.Piece.repeated("<row><c t=\"s\"><v>0</v></c></row>".repeat(30_000), 1_300),
                HandMadeWorkbook.sheetEnd()}, null);
        assertThat(java.nio.file.Files.size(file)).as("over 100 times smaller than its XML: POI's zip bomb").isLessThan(12L << 20);

        ExportRejectedException e = rejection(file);

        assertThat(e.getMessage()).startsWith("The workbook is too large to read safely: its part xl/worksheets/sheet1.xml"
                + " unpacks to 1,191 MB, ").contains("past the limit of 1,024 MB for the parts of one workbook together.");
    }

    @Test
    void namesTextInAnEncodingItDoesNotRead() {
        String csv = "respondent_id,C_CARE\n1,Agree\n";
        String utf32 = "The file is UTF-32 text: " + READS_TEXT + ". Save it as UTF-8.";
        String utf16 = "The file is UTF-16 text without a byte order mark: " + READS_TEXT
                + ". Save it as UTF-8, or as UTF-16 with its byte order mark.";

        assertThat(rejection(write(dir, "le32.csv", csv, java.nio.charset.Charset.forName("UTF-32LE"), (byte) 0xFF, (byte) 0xFE, (byte) 0, (byte) 0))
                .getMessage()).isEqualTo(utf32);
        assertThat(rejection(write(dir, "be32.csv", csv, java.nio.charset.Charset.forName("UTF-32BE"), (byte) 0, (byte) 0, (byte) 0xFE, (byte) 0xFF))
                .getMessage()).isEqualTo(utf32);
        assertThat(rejection(write(dir, "le16.csv", csv, java.nio.charset.StandardCharsets.UTF_16LE)).getMessage()).isEqualTo(utf16);
        assertThat(rejection(write(dir, "be16.csv", csv, java.nio.charset.StandardCharsets.UTF_16BE)).getMessage()).isEqualTo(utf16);
        assertThat(readAll(write(dir, "bom16.csv", csv, java.nio.charset.StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE)))
                .as("UTF-16 with its byte order mark is read").hasSize(1);
    }

    @Test
    void namesAnOldStyleOrPasswordProtectedOfficeFile() {
        byte[] ole2 = java.util.Arrays.copyOf(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1}, 512);

        assertThat(rejection(write(dir, "old.xls", ole2)).getMessage()).isEqualTo("The file is an Office file in the old binary"
                + " format (such as .xls) or a password-protected workbook: " + READS + " without a password.");
    }

    private static byte[] zipOf(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("x".getBytes());
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zipWith(String entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>").getBytes());
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("<x/>".getBytes());
        }
        return bytes.toByteArray();
    }
}
