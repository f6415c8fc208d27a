package dev.caregap.read;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

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
    void followingAPieceAtOnceEndsWhereFollowingItCharacterByCharacterEnds(
            @ForAll("delimitedText") String text, @ForAll @IntRange(min = 1, max = 50) int piece) {
        RecordFollower oneByOne = new RecordFollower(',');
        RecordFollower inPieces = new RecordFollower(',');
        char[] chars = text.toCharArray();
        for (int from = 0; from < chars.length; from += piece) {
            int to = Math.min(chars.length, from + piece);
            int expectedAfter = -1;
            for (int i = from; i < to; i++) {
                if (oneByOne.follow(chars[i]) == RecordFollower.Kind.LINE_END) {
                    expectedAfter = i + 1;
                }
            }
            assertThat(inPieces.lineEnds(chars, from, to)).as("after the last line end in [%d, %d)", from, to)
                    .isEqualTo(expectedAfter);
            assertThat(inPieces.quoteOpen()).isEqualTo(oneByOne.quoteOpen());
            assertThat(inPieces.inQuotedField()).isEqualTo(oneByOne.inQuotedField());
        }
    }
}
