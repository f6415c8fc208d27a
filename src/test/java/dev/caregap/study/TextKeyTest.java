package dev.caregap.study;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextKeyTest {

    @Test
    void keysTrimCollapseWhiteSpaceAndIgnoreCase() {
        assertThat(TextKey.of("  Overall,  the Companies\tI do\r\nbusiness with ")).isEqualTo("overall, the companies i do business with");
        assertThat(TextKey.of("STRONGLY\u00A0agree")).isEqualTo("strongly agree");
        assertThat(TextKey.of("\uFF33trongly Agree")).as("full-width letters are NFKC's plain ones").isEqualTo("strongly agree");
        assertThat(TextKey.of("Caf\u00C9")).isEqualTo("caf\u00E9");
        assertThat(TextKey.of(null)).isEmpty();
    }

    @Test
    void plainTextIsKeyedInOnePassAsTheDefinitionKeysIt() {
        for (String text : List.of("  Overall,  the Companies\tI do\r\nbusiness with ", "C_CARE", "", " \u001Fx\u001F ",
                "A\u000BB", "a\u001Cb", "\u007F")) {
            assertThat(TextKey.ofAscii(text)).as(text).isEqualTo(TextKey.ofUnicode(text));
        }
        assertThat(TextKey.ofAscii("Caf\u00E9")).as("not ASCII: keyed by the definition").isNull();
    }

    @Property(tries = 2000)
    void anyAsciiTextIsKeyedAsTheDefinitionKeysIt(@ForAll("ascii") String text) {
        assertThat(TextKey.ofAscii(text)).isEqualTo(TextKey.ofUnicode(text));
        assertThat(TextKey.of(text)).isEqualTo(TextKey.ofUnicode(text));
    }

    @Provide
    Arbitrary<String> ascii() {
        // white space and controls often, so runs of them at the ends and inside are tried
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.chars().range(' ', '~')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(' ', '\t', '\n', '\u000B', '\f', '\r')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0000', '\u001F')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\u007F')));
        return chars.list().ofMaxSize(30).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }
}
