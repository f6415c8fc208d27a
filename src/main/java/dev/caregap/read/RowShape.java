package dev.caregap.read;

import java.util.BitSet;
import java.util.List;

/**
 * Compares a data row's cells with the header. A row with more cells than the header has columns (and something in
 * them), or, in a text file, which writes every cell, with more or fewer cells than the header row itself, was most
 * likely shifted by a stray or missing delimiter, or cut short. It is read as before (cells past the header ignored,
 * missing ones empty), and the fault goes with the row as a {@link ReadIssue}. A workbook leaves out empty cells at a
 * row's end, so there only filled cells past the header count.
 */
final class RowShape {

    static final String MORE = "more cells than the header: those past its last column are ignored "
            + "(a stray delimiter may have shifted the row)";
    static final String MORE_EMPTY = "more cells than the header, those past it empty: ignored, but a stray delimiter "
            + "may have shifted the row (its last cell empty)";
    static final String FEWER = "fewer cells than the header: the missing ones are read as empty "
            + "(the row may be cut short or shifted)";
    static final String NOT_KEPT = " (its value is not kept: it may have shifted out of a column that is not read, "
            + "personal data too)";

    private final List<SheetRow> headerRows;
    /** The columns mapped to questions: a cell past the header shifted out of these only is an answer. */
    private final BitSet answerColumns;
    private final boolean everyCellWritten;
    /** Columns up to the last one headed in any header row; blank header cells after it hold nothing. */
    private final int width;
    /**
     * The cells a row lined up with the header has: in a text file as many as the header row writes (one ending in a
     * delimiter writes an empty last one, and so do its rows); a shift by one whose last cell was empty looks like a
     * trailing delimiter, so only this count tells them apart.
     */
    private final int cells;
    /**
     * The cells the file's rows have when they line up with the header, also taken from its first data row when that
     * one differs from the header row only in empty cells past the header: some tools end every data row (or only the
     * header) with a delimiter, and every row of such a file would otherwise count as shifted. The first row itself is
     * measured against the header row alone (it may be the shifted one). -1 before the first row.
     */
    private int linedUp = -1;
    /**
     * Whether the file has columns that are never read, from which a shifted row's values may have moved under a
     * question or the id: then such a row keeps no text and no id (see ReadIssue). A file whose every column is read
     * has nothing to hide there: a stray delimiter in an open answer (the commonest) costs it nothing more.
     */
    private final boolean unreadNearby;

    /** @param unreadColumns whether the file has headed columns that are never read (personal data, unknown ones) */
    RowShape(List<SheetRow> headerRows, BitSet answerColumns, boolean everyCellWritten, boolean unreadColumns) {
        this.headerRows = headerRows;
        this.answerColumns = answerColumns;
        this.everyCellWritten = everyCellWritten;
        int width = 0;
        int cells = 0;
        for (SheetRow header : headerRows) {
            width = Math.max(width, lastFilled(header) + 1);
            cells = Math.max(cells, header.size());
        }
        this.width = width;
        this.cells = everyCellWritten ? cells : width;
        this.unreadNearby = unreadColumns || unheaded(headerRows, width);
    }

    /**
     * A shape for rows read apart from the file's first data row (a later part of the file, {@link TextParts}): it
     * measures them as this one does once it has seen that row.
     */
    RowShape afterFirst(SheetRow first) {
        RowShape shape = new RowShape(headerRows, answerColumns, everyCellWritten, unreadNearby);
        shape.faults(first);
        return shape;
    }

    /** Whether a column within the header's width is headed in no header row: its cells are never read. */
    private static boolean unheaded(List<SheetRow> headerRows, int width) {
        for (int column = 0; column < width; column++) {
            int c = column;
            if (headerRows.stream().allMatch(header -> header.cell(c).isBlank())) {
                return true;
            }
        }
        return false;
    }

    /** The row's fault, or none. */
    List<ReadIssue> faults(SheetRow row) {
        int size = row.size();
        int last = lastFilled(row);
        boolean firstRow = linedUp < 0;
        if (firstRow) {
            linedUp = cells;
        }
        List<ReadIssue> faults = faults(row, size, last);
        if (firstRow && everyCellWritten && last < width && size >= width) {
            linedUp = size;
        }
        return faults;
    }

    private List<ReadIssue> faults(SheetRow row, int size, int last) {
        if (last >= width) {
            int first = width;
            while (row.cell(first).isBlank()) {
                first++;
            }
            boolean shown = answersOnly(size);
            return List.of(new ReadIssue(past(first), shown ? row.cell(first) : "", shown ? MORE : MORE + NOT_KEPT,
                    unreadNearby));
        }
        if (!everyCellWritten || size == cells || size == linedUp) {
            return List.of();
        }
        int most = Math.max(cells, linedUp);
        return List.of(size > most ? new ReadIssue(past(most), "", MORE_EMPTY, unreadNearby)
                : new ReadIssue(name(size), "", FEWER, unreadNearby));
    }

    /**
     * Whether the cells past the header can only be answers: shifted right by k cells (as many as the row has more
     * than the header row), they come from the header's last k columns, and each of those must be a question's (not
     * personal data, not a column that is never read, such as a "Contact e-mail" question of no study). A workbook
     * leaves out empty cells at a row's end, so there k is not known, and neither is where the cells come from.
     */
    private boolean answersOnly(int size) {
        int k = size - Math.max(cells, linedUp);
        if (!everyCellWritten || k <= 0) {
            return false; // k unknown, or a cell under a blank header cell: a column that is never read
        }
        for (int column = cells - k; column < cells; column++) {
            if (column < 0 || !answerColumns.get(column)) {
                return false;
            }
        }
        return true;
    }

    private String past(int column) {
        return "column " + (column + 1) + " (past the header's " + width + ")";
    }

    /** A column as the header names it: its first header cell that holds anything, else its number. */
    private String name(int column) {
        for (SheetRow header : headerRows) {
            String cell = header.cell(column);
            if (!cell.isBlank()) {
                return cell;
            }
        }
        return "column " + (column + 1) + " (no header)";
    }

    private static int lastFilled(SheetRow row) {
        for (int column = row.size() - 1; column >= 0; column--) {
            if (!row.cell(column).isBlank()) {
                return column;
            }
        }
        return -1;
    }
}
