package dev.caregap.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.caregap.read.TestExports.READER;
import static dev.caregap.read.TestExports.line;
import static dev.caregap.read.TestExports.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PersonalDataTest {

    private static final List<String> PERSONAL = List.of("203.0.113.7", "jane@example.com", "Jane", "Smith", "EXT-9",
            "40.1234", "-105.5678", "Doe", "John");

    @TempDir
    Path dir;

    @Test
    void personalDataNeverAppearsInResponsesOrColumnLists() {
        Path file = write(dir, "export.csv",
                line("ResponseId", "IPAddress", "RecipientEmail", "RecipientFirstName", "RecipientLastName",
                        "ExternalReference", "LocationLatitude", "LocationLongitude", "First Name", "Last Name", "e-mail",
                        "IP Address", "ExternalDataReference", "C_CARE", "Unknown")
                + line("Response ID", "IP Address", "Recipient Email", "First", "Last", "Ref", "Lat", "Long", "", "", "", "",
                        "", "Care?", "Unknown")
                + line("{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"ipAddress\"}", "x", "x", "x", "x", "x", "x", "x", "x",
                        "x", "x", "x", "{\"ImportId\":\"QID1\"}", "x")
                + line("R_1", "203.0.113.7", "jane@example.com", "Jane", "Smith", "EXT-9", "40.1234", "-105.5678", "John",
                        "Doe", "jane@example.com", "203.0.113.7", "EXT-9", "Agree", "kept out"));

        try (Export export = READER.open(file)) {
            RawResponse response = export.next();
            String everything = response + " " + export.ignoredColumns() + " " + export.personalDataColumns() + " " + export;
            PERSONAL.forEach(value -> assertThat(everything).doesNotContain(value));
            assertThat(response.cells()).extracting(RawCell::question).containsExactly("C_CARE");
            assertThat(export.ignoredColumns()).containsExactly("Unknown");
            assertThat(export.personalDataColumns()).hasSize(12);
        }
    }

    @Test
    void personalDataNeverAppearsInARejection() {
        Path file = write(dir, "cut.csv", "Email Address,respondent_id,C_COMMENT\njane@example.com,1,\"never closed\n");

        // The broken row is the first data row, met while the header rows are read: the file is rejected at once.
        ExportRejectedException e = catchThrowableOfType(ExportRejectedException.class, () -> READER.open(file));

        assertThat(e.getMessage() + e.details()).doesNotContain("jane@example.com").contains("row 2");
    }
}
