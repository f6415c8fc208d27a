package dev.caregap.read;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedRecordsTest {

    /** Reads the text through, {@code piece} characters a read at most. */
    private static String readThrough(String text, char delimiter, int mostChars, int piece) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader reader = new BoundedRecords(new StringReader(text), delimiter, mostChars)) {
            char[] buffer = new char[piece];
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

        assertThat(readThrough(text, ';', 13, 7)).isEqualTo(text);
    }

    @Test
    void stopsAtARecordLongerThanTheLimitTellingWhetherAQuotedFieldRanOn() {
        assertThatThrownBy(() -> readThrough("a,b\n1,\"open\nand\non and on\n", ',', 13, 7))
                .isInstanceOf(BoundedRecords.TooLong.class).matches(e -> ((BoundedRecords.TooLong) e).quoted);
        assertThatThrownBy(() -> readThrough("a,b\n1,a very long line indeed\n", ',', 13, 7))
                .isInstanceOf(BoundedRecords.TooLong.class).matches(e -> !((BoundedRecords.TooLong) e).quoted);
    }

    @Provide
    Arbitrary<String> delimitedText() {
        return Arbitraries.strings().withChars(',', '"', '\r', '\n', 'a').ofMaxLength(300);
    }

    /** What reading a text through comes to: the text, or the limit's error and whether a quoted field ran on. */
    private static String outcome(Reader reader) {
        StringBuilder out = new StringBuilder();
        try (reader) {
            int c;
            while ((c = reader.read()) >= 0) {
                out.append((char) c);
            }
            return out.toString();
        } catch (BoundedRecords.TooLong e) {
            return "too long, quoted: " + e.quoted;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 500)
    void readingInPiecesStopsExactlyWhenReadingCharacterByCharacterStops(
            @ForAll("delimitedText") String text, @ForAll @IntRange(min = 1, max = 40) int piece,
            @ForAll @IntRange(min = 1, max = 30) int mostChars) {
        String oneByOne = outcome(new BoundedRecords(new StringReader(text), ',', mostChars));
        String inPieces;
        try {
            inPieces = readThrough(text, ',', mostChars, piece);
        } catch (BoundedRecords.TooLong e) {
            inPieces = "too long, quoted: " + e.quoted;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(inPieces).isEqualTo(oneByOne);
    }
}
