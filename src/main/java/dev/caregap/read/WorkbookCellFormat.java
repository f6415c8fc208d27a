package dev.caregap.read;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a workbook's numeric cells are turned into text: not as Excel displays them, which loses what the
 * cleaner needs (a respondent id 114153497612 shows as "1.14153E+11", a date as "1/15/24 10:30" with a
 * two-digit year, numbers rounded to the decimals their format shows), but whole and unambiguous. Date cells
 * become "yyyy-MM-dd HH:mm:ss" ("yyyy-MM-dd" at midnight), a percent its stored value in percent ("99.6%" for
 * 0.996 shown as "100%"), every other number the plain decimal stored (a weight 1.23456 shown as "1.23", an id
 * shown as "114,153,497,612").
 */
final class WorkbookCellFormat extends DataFormatter {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    WorkbookCellFormat() {
        super(Locale.US);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return formatRawCellContents(value, formatIndex, formatString, false);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        if (!Double.isFinite(value)) {
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
        if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            LocalDateTime at = DateUtil.getLocalDateTime(value, use1904Windowing, true);
            return at.toLocalTime().equals(LocalTime.MIDNIGHT) ? at.format(DATE) : at.format(DATE_TIME);
        }
        if (formatString != null && formatString.replaceAll("\"[^\"]*\"", "").contains("%")) {
            return BigDecimal.valueOf(value).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
        return plain(value);  // as stored: a format's rounding would change a weight, a progress or an id
    }

    /** 4.0 -> "4", 114153497612 -> "114153497612", 1.23456789012345 whole; no exponent. */
    static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
