package dev.caregap.cleaning;

import dev.caregap.read.RawResponse;
import dev.caregap.respondent.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.caregap.cleaning.Responses.clean;
import static org.assertj.core.api.Assertions.assertThat;

class EndTimestampTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-05-01 14:03:09|2024-05-01T14:03:09Z",
            "2024-05-01T14:03:09|2024-05-01T14:03:09Z",
            "2024-05-01T14:03|2024-05-01T14:03:00Z",
            "2024-05-01 14:03|2024-05-01T14:03:00Z",
            "2024-05-01T14:03:09.250|2024-05-01T14:03:09.250Z",
            "2024-05-01T14:03:09Z|2024-05-01T14:03:09Z",
            "2024-05-01T14:03:09z|2024-05-01T14:03:09Z",
            "2024-05-01T14:03:09.5+02:00|2024-05-01T12:03:09.500Z",
            "2024-05-01T14:03:09-0500|2024-05-01T19:03:09Z",
            "2024-05-01 14:03:09 +01|2024-05-01T13:03:09Z",
            "2024-05-01|2024-05-01T00:00:00Z",
            "05/01/2024 02:03:09 PM|2024-05-01T14:03:09Z",
            "05/01/2024 12:03:09 am|2024-05-01T00:03:09Z",
            "5/1/2024 2:03:09 PM|2024-05-01T14:03:09Z",
            "5/1/2024 14:03:09|2024-05-01T14:03:09Z",
            "12/31/2024 9:05:00|2024-12-31T09:05:00Z",
            "' 2024-05-01 14:03:09 '|2024-05-01T14:03:09Z"})
    void readsTheFormatsTheToolsWrite(String text, String expected) {
        assertThat(EndTimestamp.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-02-30 10:00:00", "13/01/2024 10:00:00", "2024-05-01T25:00",
            "05/01/2024 14:03:09 PM", "1714572189", "2024-05-01 1a:03:09", "2024-1.-01 10:03:09", "2024-05-01T14:03:09+02:00junk"})
    void unreadableTimestampsAreNull(String text) {
        assertThat(EndTimestamp.parse(text)).isNull();
    }

    @Test
    void anUnreadableEndDateIsAnIssueAndTheRespondentStays() {
        Cleaned cleaned = clean(new RawResponse(5, "consumer", "R_1", "last Tuesday", null, null, null, List.of()));

        assertThat(cleaned.respondent().endedAt()).isNull();
        assertThat(cleaned.respondent().included()).isTrue();
        assertThat(cleaned.issues()).containsExactly(new Issue(5, "end date", null, "last Tuesday", "end date not readable"));
    }

    @Test
    void noEndDateIsNoIssue() {
        Cleaned cleaned = clean(new RawResponse(5, "consumer", "R_1", null, null, null, null, List.of()));

        assertThat(cleaned.respondent().endedAt()).isNull();
        assertThat(cleaned.issues()).isEmpty();
    }

    @Test
    void theEndDateIsParsedIntoTheRespondent() {
        Cleaned cleaned = clean(new RawResponse(5, "consumer", "R_1", "2024-05-01 10:00:00", null, null, null, List.of()));

        assertThat(cleaned.respondent().endedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void aTimeWithoutAZoneIsReadInTheZoneTheFileStates() {
        ZoneId denver = ZoneId.of("America/Denver");
        Cleaned cleaned = clean(new RawResponse(5, "consumer", "R_1", "2024-05-01 10:00:00", null, null, null, List.of(), denver));
        assertThat(cleaned.respondent().endedAt()).isEqualTo(Instant.parse("2024-05-01T16:00:00Z"));
        assertThat(EndTimestamp.parse("05/01/2024 10:00:00 AM", denver)).isEqualTo(Instant.parse("2024-05-01T16:00:00Z"));
        assertThat(EndTimestamp.parse("2024-01-15", ZoneId.of("Europe/London"))).isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
        assertThat(EndTimestamp.parse("2024-05-01T10:00:00Z", denver)).as("a stated offset wins")
                .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }
}
