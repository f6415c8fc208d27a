package dev.caregap.read;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedRecordsTest {

    private static String readThrough(String text, char delimiter, int mostChars) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader reader = new BoundedRecords(new StringReader(text), delimiter, mostChars)) {
            char[] buffer = new char[7];
            int read;
            while ((read = reader.read(buffer, 0, buffer.length)) >= 0) {
                out.append(buffer, 0, read);
            }
        }
        return out.toString();
    }

    @Test
    void passesRecordsWithinTheLimitThroughUnchangedHoweverTheyAreQuoted() throws IOException {
        String text = "a;\"x\"\"\ny\";b\r\nc;5\" screen;d\n\"\";e\n";

        assertThat(readThrough(text, ';', 13)).isEqualTo(text);
    }

    @Test
    void stopsAtARecordLongerThanTheLimitTellingWhetherAQuotedFieldRanOn() {
        assertThatThrownBy(() -> readThrough("a,b\n1,\"open\nand\non and on\n", ',', 13))
                .isInstanceOf(BoundedRecords.TooLong.class).matches(e -> ((BoundedRecords.TooLong) e).quoted);
        assertThatThrownBy(() -> readThrough("a,b\n1,a very long line indeed\n", ',', 13))
                .isInstanceOf(BoundedRecords.TooLong.class).matches(e -> !((BoundedRecords.TooLong) e).quoted);
    }
}
