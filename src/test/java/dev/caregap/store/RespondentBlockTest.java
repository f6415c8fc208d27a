package dev.caregap.store;

import dev.caregap.store.RespondentBlock.Row;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The block codec: rows read back as written, rows filtered in row order, a builder's order and limits. */
class RespondentBlockTest {

    @Test
    void everyFieldOfARowReadsBackAsWritten() {
        String longAnswers = "0=1;1=2~" + "é🙂x".repeat(25_000);  // ~100,000 characters, outside ASCII and the BMP
        assertThat(longAnswers.length()).isGreaterThanOrEqualTo(100_000);
        List<Row> written = List.of(
                new Row(0, null, null, null, 1.0, null, ""),
                new Row(4, "consumer", "R1", Instant.parse("2026-03-01T10:00:00.123456789Z"), Double.NaN, "INCOMPLETE",
                        "2=5;1=1;0=0~ok%3B fine"),
                new Row(5, "", "", Instant.ofEpochSecond(-1, 999_999_999), -0.0, "", ""),
                new Row(9, "Verbraucher·Ü", "Résumé-🙂-日本", Instant.EPOCH, 1.0e300, "NO_SEGMENT", longAnswers),
                new Row(998, "z", "Z", Instant.parse("1969-07-20T20:17:40Z"), Double.MAX_VALUE, null,
                        "0=0~Ωμέγα 𝄞 ñ"),
                new Row(999, "s", "id", Instant.parse("2999-12-31T23:59:59.000000001Z"), -Double.MIN_VALUE,
                        "INELIGIBLE", "x"));

        List<Row> back = RespondentBlock.rows(block(written));

        assertThat(back).containsExactlyElementsOf(written);  // a record compares its doubles as Double.compare does
        assertThat(back.get(0).segment()).isNull();
        assertThat(back.get(0).respondentId()).isNull();
        assertThat(back.get(0).endedAt()).isNull();
        assertThat(back.get(0).exclusion()).isNull();
        assertThat(back.get(0).included()).isTrue();
        assertThat(back.get(0).answers()).isEmpty();
        assertThat(back.get(1).endedAt().getNano()).isEqualTo(123_456_789);
        assertThat(back.get(1).weight()).isNaN();
        assertThat(back.get(1).included()).isFalse();
        assertThat(back.get(2).segment()).as("empty, not null").isNotNull().isEmpty();
        assertThat(back.get(2).respondentId()).as("empty, not null").isNotNull().isEmpty();
        assertThat(back.get(2).exclusion()).as("empty, not null").isNotNull().isEmpty();
        assertThat(back.get(2).included()).isFalse();
        assertThat(back.get(2).endedAt()).isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));
        assertThat(Double.doubleToRawLongBits(back.get(2).weight())).as("negative zero")
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.get(3).weight()).isEqualTo(1.0e300);
        assertThat(back.get(3).segment()).isEqualTo("Verbraucher·Ü");
        assertThat(back.get(3).respondentId()).isEqualTo("Résumé-🙂-日本");
        assertThat(back.get(3).answers()).isEqualTo(longAnswers).hasSize(longAnswers.length());
        assertThat(back.get(4).row()).isEqualTo(998);
        assertThat(back.get(5).row()).isEqualTo(999);
        assertThat(back.get(5).endedAt().getNano()).isEqualTo(1);
        // the last row an export may hold, and a row number past it, each in a block of its own range
        Row last = new Row(4_294_967_295L, "z", "Z", null, 1.0, null, "");
        Row past = new Row(4_294_967_296L * 3, "s", "id", null, 1.0, null, "");
        assertThat(RespondentBlock.rows(block(List.of(last)))).containsExactly(last);
        assertThat(RespondentBlock.rows(block(List.of(past)))).containsExactly(past);
    }

    @Test
    void forEachWithARowFilterHandsOnOnlyTheWantedRowsInRowOrder() {
        List<Row> written = new ArrayList<>();
        for (long row = 1; row <= 5; row++) {
            written.add(row(row, "answers of row " + row + " " + "é".repeat((int) row * 7)));
        }
        byte[] block = block(written);

        List<Row> second = new ArrayList<>();
        RespondentBlock.forEach(block, row -> row == 2, second::add);
        assertThat(second).containsExactly(written.get(1));

        Set<Long> wanted = Set.of(5L, 1L, 3L);
        List<Row> odd = new ArrayList<>();
        RespondentBlock.forEach(block, wanted::contains, odd::add);
        assertThat(odd).containsExactly(written.get(0), written.get(2), written.get(4));

        List<Row> last = new ArrayList<>();
        RespondentBlock.forEach(block, row -> row == 5, last::add);
        assertThat(last).containsExactly(written.get(4));

        List<Long> asked = new ArrayList<>();
        List<Row> none = new ArrayList<>();
        RespondentBlock.forEach(block, row -> asked.add(row) && false, none::add);
        assertThat(none).isEmpty();
        assertThat(asked).as("each row number is asked about once, in row order").containsExactly(1L, 2L, 3L, 4L, 5L);

        List<Row> all = new ArrayList<>();
        RespondentBlock.forEach(block, row -> true, all::add);
        assertThat(all).containsExactlyElementsOf(written).isEqualTo(RespondentBlock.rows(block));
    }

    @Test
    void aBuilderRefusesARowNumberThatDoesNotComeAfterTheLastAndStartsAgainAfterClear() {
        RespondentBlock.Builder builder = new RespondentBlock.Builder();
        assertThat(builder.count()).isZero();
        builder.add(row(10, "a"));
        builder.add(row(12, "b"));
        assertThat(builder.firstRow()).isEqualTo(10);
        assertThat(builder.lastRow()).isEqualTo(12);
        assertThat(builder.count()).isEqualTo(2);

        assertThatThrownBy(() -> builder.add(row(12, "same row again"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(row(11, "a row before the last"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(row(-1, "before any row"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.count()).as("a refused row is not added").isEqualTo(2);
        assertThat(builder.lastRow()).isEqualTo(12);
        assertThat(RespondentBlock.rows(builder.bytes())).containsExactly(row(10, "a"), row(12, "b"));

        builder.clear();
        assertThat(builder.count()).isZero();
        assertThat(builder.firstRow()).isEqualTo(-1);
        assertThat(builder.lastRow()).isEqualTo(-1);
        assertThat(builder.bytes()).isEmpty();
        assertThat(builder.takes(0)).as("an empty block takes any row").isTrue();

        builder.add(row(3, "c"));  // before the rows of the block cleared: a new block
        builder.add(row(4, "d"));
        assertThat(builder.firstRow()).isEqualTo(3);
        assertThat(builder.lastRow()).isEqualTo(4);
        assertThat(builder.count()).isEqualTo(2);
        assertThat(RespondentBlock.rows(builder.bytes())).as("nothing of the block before")
                .containsExactly(row(3, "c"), row(4, "d"));
    }

    @Test
    void aBlockTakesTheRowsOfOneRangeOfRowsRowNumbersOnly() {
        RespondentBlock.Builder builder = new RespondentBlock.Builder();
        List<Row> written = new ArrayList<>();
        for (long row = 0; row < RespondentBlock.ROWS; row++) {
            assertThat(builder.takes(row)).as("row %d", row).isTrue();
            Row r = row(row, "0=" + row);
            builder.add(r);
            written.add(r);
        }
        assertThat(builder.takes(RespondentBlock.ROWS)).as("the first row of the next range").isFalse();
        assertThatThrownBy(() -> builder.add(row(RespondentBlock.ROWS, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.count()).isEqualTo(RespondentBlock.ROWS);
        assertThat(builder.bytes().length).isLessThan(RespondentBlock.BYTES);
        assertThat(RespondentBlock.rows(builder.bytes())).containsExactlyElementsOf(written);

        builder.clear();
        builder.add(row(2_500, "a"));  // a block may start anywhere in its range and ends with it
        assertThat(builder.takes(2_999)).isTrue();
        assertThat(builder.takes(3_000)).isFalse();
        assertThat(RespondentBlock.rangeStart(2_500)).isEqualTo(2_000);
        assertThat(RespondentBlock.rangeStart(2_999)).isEqualTo(2_000);
        assertThat(RespondentBlock.rangeStart(3_000)).isEqualTo(3_000);
    }

    @Test
    void aBlockTakesNoMoreRowsOnceItsBytesPassBytes() {
        RespondentBlock.Builder builder = new RespondentBlock.Builder();
        String longAnswers = "0=0~" + "ü".repeat(50_000);  // ~100 KB of UTF-8 a row
        List<Row> written = new ArrayList<>();
        int sizeBefore = 0;
        long row = 0;
        while (builder.takes(row + 1)) {
            sizeBefore = builder.bytes().length;
            assertThat(sizeBefore).isLessThan(RespondentBlock.BYTES);
            Row r = row(++row, longAnswers);
            builder.add(r);
            written.add(r);
        }
        assertThat(builder.count()).isLessThan(RespondentBlock.ROWS).isEqualTo(written.size());
        assertThat(sizeBefore).as("taking rows while under the limit").isLessThan(RespondentBlock.BYTES);
        assertThat(builder.bytes().length).as("none once past the limit").isGreaterThanOrEqualTo(RespondentBlock.BYTES);
        assertThat(RespondentBlock.rows(builder.bytes())).containsExactlyElementsOf(written);
    }

    private static Row row(long row, String answers) {
        return new Row(row, "consumer", "R" + row, Instant.parse("2026-03-01T10:00:00Z").plusSeconds(row), 1.0, null, answers);
    }

    private static byte[] block(List<Row> rows) {
        RespondentBlock.Builder builder = new RespondentBlock.Builder();
        rows.forEach(builder::add);
        return builder.bytes();
    }
}
