package dev.caregap.read;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * The cells of one response that map to questions, in column order: what each column is (the same for every response
 * of an export) beside this response's values. Cleaning reads them by place ({@link #question}, {@link #column},
 * {@link #option}, {@link #value}), with no {@link RawCell} made for each: a million responses of twenty such cells
 * were twenty million of them. As a list, each cell is a {@link RawCell}. Unmodifiable.
 */
public final class RawCells extends AbstractList<RawCell> {

    private static final RawCells NONE = new RawCells(new String[0], new String[0], new String[0], new String[0]);

    private final String[] questions;
    private final String[] columns;
    private final String[] options;
    private final String[] values;

    /** The first {@code values.length} places of the column arrays describe the values; none is changed after. */
    RawCells(String[] questions, String[] columns, String[] options, String[] values) {
        this.questions = questions;
        this.columns = columns;
        this.options = options;
        this.values = values;
    }

    public static RawCells of(List<RawCell> cells) {
        if (cells instanceof RawCells same) {
            return same;
        }
        if (cells.isEmpty()) {
            return NONE;
        }
        int n = cells.size();
        String[] questions = new String[n];
        String[] columns = new String[n];
        String[] options = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            RawCell cell = cells.get(i);
            questions[i] = cell.question();
            columns[i] = cell.column();
            options[i] = cell.option();
            values[i] = Objects.requireNonNull(cell.value(), "a cell's value is never null");
        }
        return new RawCells(questions, columns, options, values);
    }

    /** The question id the column maps to. */
    public String question(int place) {
        return questions[Objects.checkIndex(place, values.length)];
    }

    /** The column's header as written in the file (see {@link RawCell#column()}). */
    public String column(int place) {
        return columns[Objects.checkIndex(place, values.length)];
    }

    /** For a per-option multi-select column, the option's text; else null. */
    public String option(int place) {
        return options[Objects.checkIndex(place, values.length)];
    }

    /** The cell as read, never null ("" when empty). */
    public String value(int place) {
        return values[place];
    }

    @Override
    public RawCell get(int place) {
        return new RawCell(question(place), columns[place], options[place], values[place]);
    }

    @Override
    public int size() {
        return values.length;
    }
}
