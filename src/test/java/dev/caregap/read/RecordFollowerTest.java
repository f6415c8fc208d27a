package dev.caregap.read;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFollowerTest {

    /** What each character was, one letter a character: L line end, C cell end, Q quote, T text. */
    private static String kinds(RecordFollower records, String text) {
        StringBuilder kinds = new StringBuilder();
        for (char c : text.toCharArray()) {
            kinds.append(records.follow(c).name().charAt(0));
        }
        return kinds.toString();
    }

    @Test
    void aQuotedFieldKeepsItsDelimitersLineBreaksAndDoubledQuotes() {
        assertThat(kinds(new RecordFollower(';'), "a;\"x\"\"\ny;z\";b\r\n")).isEqualTo("TCQTQQTTTTQCTLL");
    }

    @Test
    void aQuoteOpensAFieldOnlyAsItsFirstCharacter() {
        assertThat(kinds(new RecordFollower(','), "5\" tv,\"a\"b,c\n")).isEqualTo("TTTTTCQTQTCTL");
    }

    @Test
    void onlyItsOwnDelimiterEndsACell() {
        assertThat(kinds(new RecordFollower('\t'), "a,b;c\td")).isEqualTo("TTTTTCT");
    }

    @Test
    void tellsWhetherAQuoteIsOpenAndWhetherTheFieldBeganWithOne() {
        RecordFollower open = new RecordFollower(',');
        kinds(open, "a,\"open\nline\"\"");
        assertThat(open.quoteOpen()).isTrue();
        assertThat(open.inQuotedField()).isTrue();

        RecordFollower closed = new RecordFollower(',');
        kinds(closed, "a,\"closed\"");
        assertThat(closed.quoteOpen()).isFalse();
        assertThat(closed.inQuotedField()).isTrue();

        RecordFollower plain = new RecordFollower(',');
        kinds(plain, "a,\"closed\"x");
        assertThat(plain.quoteOpen()).isFalse();
        assertThat(plain.inQuotedField()).isFalse();
    }

    /** Text made of what matters to a record: delimiters, quotes, CR, LF, and a letter. */
    @Provide
    Arbitrary<String> delimitedText() {
        return Arbitraries.strings().withChars(',', ';', '"', '\r', '\n', 'a').ofMaxLength(200);
    }

    @Property(tries = 500)
    void bytesFollowedAPieceAtATimeEndAsManyRecordsAsCharactersFollowedOneByOneWithCrLfOne(
            @ForAll("delimitedText") String text, @ForAll @IntRange(min = 1, max = 50) int piece) {
        RecordFollower oneByOne = new RecordFollower(',');
        long expected = 0;
        char before = 0;
        for (char c : text.toCharArray()) {
            boolean lineEnd = oneByOne.follow(c) == RecordFollower.Kind.LINE_END;
            if (lineEnd && !(c == '\n' && before == '\r')) {
                expected++;
            }
            before = lineEnd ? c : 0;  // an LF ends no second record only straight after a CR that ended one
        }
        RecordFollower inPieces = new RecordFollower(',');
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        long ended = 0;
        for (int from = 0; from < bytes.length; from += piece) {
            ended += inPieces.records(bytes, from, Math.min(bytes.length, from + piece));
        }
        assertThat(ended).isEqualTo(expected);
        assertThat(inPieces.quoteOpen()).isEqualTo(oneByOne.quoteOpen());
        assertThat(inPieces.inQuotedField()).isEqualTo(oneByOne.inQuotedField());
    }
}
