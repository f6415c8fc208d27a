package dev.caregap.store;

import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows in PostgreSQL's COPY text format, checked against lines written out by hand from the format's rules. */
class RespondentRowsTest {

    @Test
    void nullIsBackslashNAndTheFormatsSpecialCharactersAreEscaped() {
        assertThat(RespondentRows.value(null, new StringBuilder()).toString()).isEqualTo("\\N");
        assertThat(RespondentRows.value("", new StringBuilder()).toString()).isEmpty();
        assertThat(RespondentRows.value("a\tb\nc\rd\\e", new StringBuilder()).toString()).isEqualTo("a\\tb\\nc\\rd\\\\e");
        // the text \N is not null, and \. is not the end of the data
        assertThat(RespondentRows.value("\\N", new StringBuilder()).toString()).isEqualTo("\\\\N");
        assertThat(RespondentRows.value("\\.", new StringBuilder()).toString()).isEqualTo("\\\\.");
    }

    @Test
    void quotesCommasAndTextBeyondAsciiAreWrittenAsTheyAre() {
        assertThat(RespondentRows.value("\"x\", 'y'; ü 日本 😀", new StringBuilder()).toString())
                .isEqualTo("\"x\", 'y'; ü 日本 😀");
    }

    @Test
    void anIdentityIsOneLineOfEightValuesFromItsKeyToTheIdsHash() {
        StringBuilder out = new StringBuilder();
        RespondentRows.identity(51539607552L, "care-gap", 12, new StoredIdentity("consumer", "R\\1\t", 4, Instant.parse("2026-03-01T10:00:00Z")), out);
        RespondentRows.identity(51539607553L, "care-gap", 12, new StoredIdentity("business", "R2", 5, null), out);
        assertThat(out.toString()).isEqualTo("""
                51539607552\tcare-gap\tconsumer\tR\\\\1\\t\t12\t4\t2026-03-01T10:00:00Z\t-8578522576307817962
                51539607553\tcare-gap\tbusiness\tR2\t12\t5\t\\N\t-3516104638083039472
                """);
    }

    @Test
    void anIssueIsOneLineOfSixValuesShortenedToTheColumns() {
        StringBuilder out = new StringBuilder();
        RespondentRows.issue(12, new Issue(4, "Q\\1", null, "x".repeat(300), "answer matches no option"), out);
        assertThat(out.toString()).isEqualTo("12\t4\tQ\\\\1\t\\N\t" + "x".repeat(199) + "…\tanswer matches no option\n");
    }
}
