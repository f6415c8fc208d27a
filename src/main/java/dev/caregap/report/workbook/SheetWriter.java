package dev.caregap.report.workbook;

import dev.caregap.results.SafeCsv;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Writes one sheet row by row: text always as a string cell (never a formula, whatever it starts with),
 * numbers as numbers (a missing number, NaN, as an empty cell), instants as dates in UTC. It notes how wide
 * each column's content is, so that {@link #fitColumns} can size the columns without measuring fonts.
 */
final class SheetWriter {

    /** The most characters an Excel cell holds. */
    static final int MOST_CHARACTERS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final String CUT = "…";
    private static final int NARROWEST = 6;
    private static final int WIDEST = 60;

    final Sheet sheet;
    final Styles styles;
    /** The widest content noted per column, in characters: one int per column, noted for every cell written. */
    private int[] widths = new int[64];
    private int next;

    SheetWriter(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    /** The next row. */
    Row row() {
        return sheet.createRow(next++);
    }

    /** Leaves a row empty. */
    void skip() {
        next++;
    }

    /** The index of the row {@link #row()} gives next. */
    int rowIndex() {
        return next;
    }

    void title(String title) {
        text(row(), 0, title, styles.title);
    }

    void note(String note) {
        Cell cell = row().createCell(0);
        cell.setCellValue(note);
        cell.setCellStyle(styles.note);
    }

    /** A header row: bold, shaded, wrapped. */
    Row header(String... names) {
        Row row = row();
        for (int i = 0; i < names.length; i++) {
            text(row, i, names[i], styles.header);
        }
        return row;
    }

    /** Text as a string cell; none for null or empty. Text a spreadsheet would run as a formula is marked as text. */
    void text(Row row, int column, String value) {
        text(row, column, value, null);
    }

    void text(Row row, int column, String value, CellStyle style) {
        if (value == null || value.isEmpty()) {
            if (style != null) {
                row.createCell(column).setCellStyle(style);
            }
            return;
        }
        String shown = value.length() > MOST_CHARACTERS
                ? value.substring(0, MOST_CHARACTERS - CUT.length()) + CUT
                : value;
        Cell cell = row.createCell(column);
        cell.setCellValue(shown);  // a string cell: setCellValue(String) never makes a formula
        if (style != null) {
            cell.setCellStyle(style);
        } else {
            cell.setCellStyle(SafeCsv.formulaLike(shown) ? styles.quotedText : styles.general);
        }
        noteWidth(column, style == styles.header || style == styles.title || style == styles.note ? 0 : shown.length());
    }

    /** A number in the given style; an empty cell for NaN or null. */
    void number(Row row, int column, Double value, CellStyle style) {
        if (value == null || !Double.isFinite(value)) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
        noteWidth(column, 9);
    }

    void whole(Row row, int column, long value) {
        number(row, column, (double) value, styles.whole);
    }

    /** An instant as a date and time in UTC; an empty cell for null. */
    void date(Row row, int column, Instant value) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        cell.setCellStyle(styles.date);
        noteWidth(column, Styles.DATE.length());
    }

    /** Merges cells of the last written row across columns {@code first..last}. */
    void merge(Row row, int first, int last) {
        if (last > first) {
            sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), first, last));
        }
    }

    /** Keeps the rows above {@code rows} and the columns left of {@code columns} in view while scrolling. */
    void freeze(int columns, int rows) {
        sheet.createFreezePane(columns, rows);
    }

    /** Sizes each column to its longest content, within bounds; {@code least} for header-only columns. */
    void fitColumns(int columns, int least) {
        for (int column = 0; column < columns; column++) {
            int characters = Math.max(column < widths.length ? widths[column] : 0, least);
            sheet.setColumnWidth(column, (Math.min(Math.max(characters, NARROWEST), WIDEST) + 2) * 256);
        }
    }

    private void noteWidth(int column, int characters) {
        if (column >= widths.length) {
            widths = Arrays.copyOf(widths, Math.max(column + 1, widths.length * 2));
        }
        widths[column] = Math.max(widths[column], characters);
    }
}
