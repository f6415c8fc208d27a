package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
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

        assertThat(rejection(write(dir, "picture.csv", png)).getMessage()).contains("binary data");
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

    @Test
    void stopsReadingAQuotedFieldThatRunsOnForMoreThanAMillionCharacters() {
        StringBuilder content = new StringBuilder("respondent_id,C_COMMENT\n1,\"fine\"\"\nstill fine\"\n2,ok\n3,\"oops\n");
        while (content.length() < 1_100_000) {
            content.append("3,Agree,what follows is swallowed by the open quote\n");
        }
        Path file = write(dir, "unclosed.csv", content.toString());

        try (Export export = READER.open(file)) {
            assertThat(export.next().row()).isEqualTo(2);
            assertThat(export.next().row()).isEqualTo(3);
            assertThatThrownBy(export::hasNext).isInstanceOf(ExportRejectedException.class)
                    .hasMessage("A quoted field that starts on row 4 runs on for more than 1,000,000 characters.")
                    .satisfies(e -> assertThat(((ExportRejectedException) e).details()).contains("unclosed.csv", "row 4"));
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

    @Test
    void rejectsADamagedWorkbook() throws IOException {
        byte[] bytes = java.util.Arrays.copyOf(new byte[]{'P', 'K', 3, 4}, 200);

        assertThat(rejection(write(dir, "damaged.xlsx", bytes)).getMessage()).contains("Excel workbook", "damaged");
        assertThat(rejection(write(dir, "archive.csv", zipWith("word/document.xml"))).getMessage())
                .contains("not an Excel workbook");
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
