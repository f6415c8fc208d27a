package dev.caregap.read;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;

import java.util.Arrays;
import java.util.Locale;

/**
 * The cells of a CSV record, as FastCSV parses them, made into texts. Once the export's columns are mapped
 * ({@link #leaveUnread}), a cell of a column the export never reads (names, e-mail, IP address, timings) is not made
 * into text: it reads as "" when blank and as {@link SheetRow#NOT_READ} when not, all that the row's shape and a blank
 * row need of it. The texts of every cell were a third of what reading an export allocated. A cell's text holds no
 * NUL ({@link SheetRow#withoutNul}): looked for here, in the characters just parsed, and only in cells that are read.
 */
final class CellTexts extends AbstractBaseCsvCallbackHandler<String[]> {

    /** Cells one row may have; far beyond any survey export, and a bound on a broken file's memory. */
    static final int MOST_CELLS = 16_384;
    /** How a row past the characters a row may hold is refused (CsvRows names the row). */
    static final String ROW_TOO_LONG = "a row's cells hold more characters than a row may";

    private final int mostChars;
    private String[] cells = new String[64];
    private int chars;
    /** By column: whether the export never reads it; columns past its end are read. */
    private boolean[] unread = new boolean[0];

    CellTexts(int mostChars) {
        this.mostChars = mostChars;
    }

    /** From the next record on, the cells of these columns (true) are only told blank or not. */
    void leaveUnread(boolean[] columns) {
        this.unread = columns.clone();
    }

    /** The same handler for another reader of the same file (a part of it read apart). */
    CellTexts copy() {
        CellTexts copy = new CellTexts(mostChars);
        copy.unread = unread;
        return copy;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        chars = 0;
    }

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
        chars += length;
        if (chars > mostChars) {
            throw new CsvParseException(ROW_TOO_LONG);
        }
        if (index == cells.length) {
            if (index >= MOST_CELLS) {
                throw new CsvParseException(String.format(Locale.ROOT, "more than %,d cells in a row", MOST_CELLS));
            }
            cells = Arrays.copyOf(cells, index * 2);
        }
        if (length == 0) {
            cells[index] = "";
        } else if (index < unread.length && unread[index]) {
            cells[index] = blank(buffer, offset, length) ? "" : SheetRow.NOT_READ;
        } else {
            cells[index] = text(buffer, offset, length);
        }
    }

    /** The cell's text, a NUL in it read as {@link SheetRow#NOT_TEXT} (see {@link SheetRow#withoutNul}). */
    private static String text(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\0') {
                return new String(buffer, offset, length).replace('\0', SheetRow.NOT_TEXT);
            }
        }
        return new String(buffer, offset, length);
    }

    /** As {@link String#isBlank()} would say of the text (a surrogate is never white space). */
    private static boolean blank(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!Character.isWhitespace(buffer[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void handleEmpty() {
        cells[0] = "";
    }

    @Override
    protected String[] buildRecord() {
        return Arrays.copyOf(cells, getFieldCount());
    }
}
