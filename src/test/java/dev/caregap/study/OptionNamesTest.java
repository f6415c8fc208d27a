package dev.caregap.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OptionNamesTest {

    private static final Question COUNTRY = new Question("C_COUNTRY", "consumer", "Country?", QuestionType.SINGLE,
            List.of(new Option(1, "United States", List.of("USA", "U.S.A."), false, false, false, null, null),
                    new Option(2, "United Kingdom", List.of("UK"), false, false, false, null, null)),
            null, null, null, null, null, null);
    private static final OptionNames NAMES = new OptionNames(COUNTRY);

    @ParameterizedTest
    @ValueSource(strings = {"United Kingdom", "united kingdom", " UNITED  KINGDOM ", "United\u00A0Kingdom",
            "Ｕｎｉｔｅｄ Ｋｉｎｇｄｏｍ", "UK", "uk"})
    void namesAnOptionByItsTextOrAliasIgnoringCaseSpacesAndWidth(String name) {
        assertThat(NAMES.option(name)).map(Option::text).contains("United Kingdom");
        assertThat(NAMES.code(name)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "Britain", "United", ""})
    void numbersAndOtherTextsNameNoOption(String name) {
        assertThat(NAMES.option(name)).isEmpty();
        assertThat(NAMES.code(name)).isEqualTo(OptionNames.NO_OPTION);
    }

    @Test
    void nullNamesNoOption() {
        assertThat(NAMES.option(null)).isEmpty();
        assertThat(NAMES.code(null)).isEqualTo(OptionNames.NO_OPTION);
    }
}
