package dev.caregap.cleaning;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalNumberTest {

    @Test
    void readsPlainDecimalsWithAPointOrAComma() {
        assertThat(DecimalNumber.parse("100")).isEqualTo(100.0);
        assertThat(DecimalNumber.parse(" 007 ")).isEqualTo(7.0);
        assertThat(DecimalNumber.parse("99.5")).isEqualTo(99.5);
        assertThat(DecimalNumber.parse("1,5")).isEqualTo(1.5);
        assertThat(DecimalNumber.parse("123456789012345")).isEqualTo(123456789012345.0);
        assertThat(DecimalNumber.parse("12345678901234567890")).isEqualTo(1.2345678901234567e19);
    }

    @Test
    void anythingElseIsNoNumber() {
        for (String text : new String[]{"", " ", "-1", "+1", "1e3", "NaN", "1.000,5", "1..2", ".", "12%"}) {
            assertThat(DecimalNumber.parse(text)).as(text).isNaN();
        }
    }

    @Property(tries = 1000)
    void digitsReadAsJavaReadsThem(@ForAll @NumericChars @StringLength(min = 1, max = 22) String digits) {
        assertThat(DecimalNumber.parse(digits)).isEqualTo(Double.parseDouble(digits));
    }
}
