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

    private final List<SheetRow> headerRows;
    private final BitSet personalColumns;
    private final boolean everyCellWritten;
    /** Columns up to the last one headed in any header row; blank header cells after it hold nothing. */
    private final int width;
    /**
     * The cells a row lined up with the header has: in a text file as many as the header row writes (one ending in a
     * delimiter writes an empty last one, and so do its rows); a shift by one whose last cell was empty looks like a
     * trailing delimiter, so only this count tells them apart.
     */
    private final int cells;

    RowShape(List<SheetRow> headerRows, BitSet personalColumns, boolean everyCellWritten) {
        this.headerRows = headerRows;
        this.personalColumns = personalColumns;
        this.everyCellWritten = everyCellWritten;
        int width = 0;
        int cells = 0;
        for (SheetRow header : headerRows) {
            width = Math.max(width, lastFilled(header) + 1);
            cells = Math.max(cells, header.size());
        }
        this.width = width;
        this.cells = everyCellWritten ? cells : width;
    }

    /** The row's fault, or none. */
    List<ReadIssue> faults(SheetRow row) {
        int size = row.size();
        int last = lastFilled(row);
        if (last >= width) {
            int first = width;
            while (row.cell(first).isBlank()) {
                first++;
            }
            // Shifted right by k cells, the cells past the header come from its last k columns.
            boolean personal = personalColumns.nextSetBit(Math.max(0, width - (last + 1 - width))) >= 0;
            return List.of(new ReadIssue(past(first), personal ? "" : row.cell(first), MORE));
        }
        if (everyCellWritten && size > cells) {
            return List.of(new ReadIssue(past(cells), "", MORE_EMPTY));
        }
        if (everyCellWritten && size < cells) {
            return List.of(new ReadIssue(name(size), "", FEWER));
        }
        return List.of();
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
