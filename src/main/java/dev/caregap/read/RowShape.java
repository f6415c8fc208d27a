package dev.caregap.read;

import java.util.BitSet;
import java.util.List;

/**
 * Compares a data row's cells with the header. A row with more cells than the header has columns (and something in
 * them), or, in a text file, which writes every cell, with fewer, was most likely shifted by a stray or missing
 * delimiter, or cut short. It is read as before (cells past the header ignored, missing ones empty), and the fault
 * goes with the row as a {@link ReadIssue}. A workbook leaves out empty cells at a row's end, so there only more
 * cells count.
 */
final class RowShape {

    static final String MORE = "more cells than the header: those past its last column are ignored "
            + "(a stray delimiter may have shifted the row)";
    static final String FEWER = "fewer cells than the header: the missing ones are read as empty "
            + "(the row may be cut short or shifted)";

    private final List<SheetRow> headerRows;
    private final BitSet personalColumns;
    private final boolean everyCellWritten;
    /** Columns up to the last one headed in any header row; blank header cells after it hold nothing. */
    private final int width;

    RowShape(List<SheetRow> headerRows, BitSet personalColumns, boolean everyCellWritten) {
        this.headerRows = headerRows;
        this.personalColumns = personalColumns;
        this.everyCellWritten = everyCellWritten;
        int width = 0;
        for (SheetRow header : headerRows) {
            width = Math.max(width, lastFilled(header) + 1);
        }
        this.width = width;
    }

    /** The row's fault, or none. */
    List<ReadIssue> faults(SheetRow row) {
        int size = row.size();
        if (size > width) {
            int last = lastFilled(row);
            if (last < width) {
                return List.of(); // only empty cells past the header (a trailing delimiter): nothing is lost
            }
            int first = width;
            while (row.cell(first).isBlank()) {
                first++;
            }
            // Shifted right by k cells, the cells past the header come from its last k columns.
            boolean personal = personalColumns.nextSetBit(Math.max(0, width - (last + 1 - width))) >= 0;
            return List.of(new ReadIssue("column " + (first + 1) + " (past the header's " + width + ")",
                    personal ? "" : row.cell(first), MORE));
        }
        if (everyCellWritten && size < width) {
            return List.of(new ReadIssue(name(size), "", FEWER));
        }
        return List.of();
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
