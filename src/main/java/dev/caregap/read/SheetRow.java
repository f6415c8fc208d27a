package dev.caregap.read;

/**
 * One row of an export as the file holds it, before any meaning is given to it.
 *
 * @param number the row as a spreadsheet shows it (1-based, header rows counted)
 * @param cells  the cells left to right; a cell the file leaves out is absent or ""
 */
record SheetRow(long number, String[] cells) {

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
