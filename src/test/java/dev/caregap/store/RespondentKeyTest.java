package dev.caregap.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespondentKeyTest {

    @Test
    void anExportsRowsLieTogetherInRowOrderBetweenItsFirstKeyAndTheNextExports() {
        assertThat(RespondentKey.of(3, 0)).isEqualTo(3L << 32).isEqualTo(RespondentKey.first(3));
        assertThat(RespondentKey.of(3, 1)).isEqualTo((3L << 32) + 1);
        assertThat(RespondentKey.of(3, 4_294_967_295L)).isEqualTo(RespondentKey.first(4) - 1);
        assertThat(RespondentKey.before(3, 5_000)).isEqualTo((3L << 32) + 5_000);
        assertThat(RespondentKey.before(3, 4_294_967_296L + 5_000)).as("a page past the last row ends at the export's end")
                .isEqualTo(RespondentKey.first(4));
        assertThat(RespondentKey.rangeOf(3)).containsExactly(3L << 32, 4L << 32);
    }

    @Test
    void aRowPastWhatTheKeyHoldsIsRefusedNamingRowAndExport() {
        assertThatThrownBy(() -> RespondentKey.of(7, 4_294_967_296L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 4294967296 of export 7 is past the 4,294,967,295 rows an export may hold");
        assertThatThrownBy(() -> RespondentKey.of(7, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RespondentKey.of(Long.MAX_VALUE / 4_294_967_296L, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSqlKeyIsTheSameNumberAsTheJavaOne() {
        assertThat(RespondentKey.inExport("b.block_key", "e.id"))
                .isEqualTo("b.block_key >= e.id * 4294967296 and b.block_key < (e.id + 1) * 4294967296");
    }
}
