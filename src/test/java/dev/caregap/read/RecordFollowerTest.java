package dev.caregap.read;

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
}
