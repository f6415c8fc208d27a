package dev.caregap.report.workbook;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The workbook's cell styles, made once (a workbook holds at most 64,000 styles; one per cell would run out).
 * Numbers keep their full value; the formats round them for display: shares as percent to one decimal, gaps
 * in points to one decimal, p-values in scientific notation, dates in UTC.
 */
final class Styles {

    static final String PERCENT = "0.0%";
    static final String POINTS = "0.0\" pts\"";
    static final String CHANGE = "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"";
    static final String DATE = "yyyy-mm-dd hh:mm:ss";

    final CellStyle title;
    final CellStyle note;
    final CellStyle header;
    final CellStyle text;
    /** Text a spreadsheet would run as a formula if it were typed in: shown and kept as text. */
    final CellStyle quotedText;
    /** A measured number as it is (a weight): Excel's General format. */
    final CellStyle plain;
    final CellStyle whole;
    final CellStyle decimal;
    final CellStyle z;
    final CellStyle p;
    final CellStyle percent;
    final CellStyle points;
    final CellStyle change;
    final CellStyle date;
    /** A share on a base under 30: greyed, italic. */
    final CellStyle lowBasePercent;
    final CellStyle lowBasePoints;
    final CellStyle flag;
    /**
     * The workbook's default style (index 0), which a cell without a style of its own shows. Set on such cells all
     * the same: a streaming sheet looks up the column's default for a cell without one, a search per cell written.
     */
    final CellStyle general;

    Styles(Workbook workbook) {
        general = workbook.getCellStyleAt(0);
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        Font italic = workbook.createFont();
        italic.setItalic(true);
        Font grey = workbook.createFont();
        grey.setItalic(true);
        grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
        Font red = workbook.createFont();
        red.setBold(true);
        red.setColor(IndexedColors.DARK_RED.getIndex());

        title = workbook.createCellStyle();
        title.setFont(big);
        note = workbook.createCellStyle();
        note.setFont(italic);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.TOP);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        text = workbook.createCellStyle();
        quotedText = workbook.createCellStyle();
        quotedText.setQuotePrefixed(true);
        plain = workbook.createCellStyle();
        whole = numbers(workbook, "#,##0");
        decimal = numbers(workbook, "#,##0.0");
        z = numbers(workbook, "0.0000");
        p = numbers(workbook, "0.00E+00");
        percent = numbers(workbook, PERCENT);
        points = numbers(workbook, POINTS);
        change = numbers(workbook, CHANGE);
        date = numbers(workbook, DATE);
        date.setAlignment(HorizontalAlignment.LEFT);
        lowBasePercent = numbers(workbook, PERCENT);
        lowBasePercent.setFont(grey);
        lowBasePoints = numbers(workbook, POINTS);
        lowBasePoints.setFont(grey);
        flag = workbook.createCellStyle();
        flag.setFont(red);
    }

    private static CellStyle numbers(Workbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }
}
