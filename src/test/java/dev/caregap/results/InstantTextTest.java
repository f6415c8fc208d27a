package dev.caregap.results;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An end time is written as {@link Instant#toString()} writes it, for every instant. */
class InstantTextTest {

    @Test
    void writesTheEdgesOfItsOwnRangeAndBeyondAsInstantDoes() {
        for (String text : new String[]{"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0999-01-01T00:00:00Z",
                "2026-03-02T08:00:02Z", "2026-03-02T08:00:00Z", "2026-03-02T00:00:00.500Z", "2024-02-29T12:34:56.000001Z",
                "2024-02-29T12:34:56.120Z", "2024-02-29T12:34:56.000000001Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "-0001-06-30T10:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(InstantText.of(instant)).as(text).isEqualTo(instant.toString());
        }
        assertThat(InstantText.of(null)).isEmpty();
    }

    @Property(tries = 3000)
    void writesAnyInstantAsInstantDoes(@ForAll("instants") Instant instant) {
        assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.longs().between(-100_000_000_000L, 300_000_000_000L),
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
