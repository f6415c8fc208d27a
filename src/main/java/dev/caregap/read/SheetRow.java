package dev.caregap.read;

/**
 * One row of an export as the file holds it, before any meaning is given to it.
 *
 * @param number the row as a spreadsheet shows it (1-based, header rows counted)
 * @param cells  the cells left to right; a cell the file leaves out is absent or ""; none holds a NUL
 *               ({@link #withoutNul})
 */
record SheetRow(long number, String[] cells) {

    /** What a NUL character (U+0000) reads as: no text holds one, and PostgreSQL could store none. */
    static final char NOT_TEXT = '\uFFFD';
    /** A cell of a column the export never reads that holds something ({@link SheetRows#leaveUnread}). */
    static final String NOT_READ = "[not read]";

    /**
     * The cells with a NUL read as {@link #NOT_TEXT}. A NUL in a cell (a byte 0 past the first bytes checked, Excel's
     * _x0000_) would be refused where the cell's text is stored (an issue's value, an id), and the file tried again
     * for ever. Each source gives its rows without one: text files as each cell's text is made (CellTexts),
     * workbooks through this.
     */
    static String[] withoutNul(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && cells[i].indexOf(0) >= 0) {
                cells[i] = cells[i].replace('\0', NOT_TEXT);
            }
        }
        return cells;
    }

    String cell(int column) {
        if (column < 0 || column >= cells.length) {
            return "";
        }
        String value = cells[column];
        return value == null ? "" : value;
    }

    /**
     * A data cell's value: as {@link #cell(int)}, but a missing-value marker (R's {@code NA}, Excel's
     * {@code #N/A}) reads as empty, so that it is never taken for an answer, an id or a date.
     */
    String value(int column) {
        String value = cell(column);
        String trimmed = value.strip();
        return trimmed.equals("NA") || trimmed.equals("#N/A") ? "" : value;
    }

    int size() {
        return cells.length;
    }

    boolean isBlank() {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
