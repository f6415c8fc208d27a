package dev.caregap.read;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawCellsTest {

    private static final List<RawCell> CELLS = List.of(new RawCell("C_CARE", "Q4", null, "Agree"),
            new RawCell("C_PREF_CHANNELS", "Q7_1", "Email", "1"), new RawCell("C_COMMENT", "Q11", null, ""));

    @Test
    void readByPlaceTheyAreTheCellsTheyWereMadeOf() {
        RawCells cells = RawCells.of(CELLS);

        assertThat(cells).isEqualTo(CELLS).hasSize(3);
        assertThat(cells.question(1)).isEqualTo("C_PREF_CHANNELS");
        assertThat(cells.column(1)).isEqualTo("Q7_1");
        assertThat(cells.option(1)).isEqualTo("Email");
        assertThat(cells.value(1)).isEqualTo("1");
        assertThat(cells.option(0)).isNull();
        assertThat(RawCells.of(cells)).isSameAs(cells);
        assertThat(RawCells.of(List.of())).isEmpty();
    }

    @Test
    void theColumnsOfAnExportSharedByItsResponsesEndWhereTheValuesDo() {
        String[] questions = {"C_CARE", "C_AGE", "C_COUNTRY"};
        String[] columns = {"Q4", "Q2", "Q1"};
        String[] options = {null, null, null};

        RawCells first = new RawCells(questions, columns, options, new String[]{"Agree", "34"});

        assertThat(first).containsExactly(new RawCell("C_CARE", "Q4", null, "Agree"), new RawCell("C_AGE", "Q2", null, "34"));
        assertThatThrownBy(() -> first.question(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> first.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theyCannotBeChanged() {
        RawCells cells = RawCells.of(CELLS);

        assertThatThrownBy(() -> cells.set(0, CELLS.get(2))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cells.add(CELLS.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> RawCells.of(List.of(new RawCell("C_CARE", "Q4", null, null))))
                .isInstanceOf(NullPointerException.class);
    }
}
