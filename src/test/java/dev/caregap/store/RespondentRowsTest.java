package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

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
    void aRespondentIsOneLineOfTenTabSeparatedValuesItsKeyFirst() {
        StringBuilder out = new StringBuilder();
        AnswerCodes codes = AnswerCodes.of(List.of("C_CARE", "C_COMMENT"));
        RespondentRows.respondent(12, "care-gap", codes, new Respondent(4, "R\t1", "consumer",
                Instant.parse("2026-03-01T10:00:00.5Z"), 1.25, null,
                List.of(Answer.choice("C_CARE", 4), Answer.text("C_COMMENT", "ok;\nthanks"))), out);
        RespondentRows.respondent(12, "care-gap", codes, new Respondent(5, null, null, null, 1.0, Exclusion.NO_SEGMENT, List.of()), out);
        assertThat(out.toString()).isEqualTo("""
                51539607556\t12\t4\tcare-gap\tconsumer\tR\\t1\t2026-03-01T10:00:00.500Z\t1.25\t\\N\t0=4;1=0~ok%3B\\nthanks
                51539607557\t12\t5\tcare-gap\t\\N\t\\N\t\\N\t1.0\tNO_SEGMENT\t
                """);
    }

    @Test
    void anIdentityIsOneLineOfSevenValuesEndingInTheIdsHash() {
        StringBuilder out = new StringBuilder();
        RespondentRows.identity("care-gap", 12, new StoredIdentity("consumer", "R\\1\t", 4, Instant.parse("2026-03-01T10:00:00Z")), out);
        RespondentRows.identity("care-gap", 12, new StoredIdentity("business", "R2", 5, null), out);
        assertThat(out.toString()).isEqualTo("""
                care-gap\tconsumer\tR\\\\1\\t\t12\t4\t2026-03-01T10:00:00Z\t-8578522576307817962
                care-gap\tbusiness\tR2\t12\t5\t\\N\t-3516104638083039472
                """);
    }

    @Test
    void anIssueIsOneLineOfSixValuesShortenedToTheColumns() {
        StringBuilder out = new StringBuilder();
        RespondentRows.issue(12, new Issue(4, "Q\\1", null, "x".repeat(300), "answer matches no option"), out);
        assertThat(out.toString()).isEqualTo("12\t4\tQ\\\\1\t\\N\t" + "x".repeat(199) + "…\tanswer matches no option\n");
    }
}
