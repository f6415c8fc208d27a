package dev.caregap.read;

import dev.caregap.read.HandMadeZip.Piece;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a minimal .xlsx workbook around a first sheet and a table of shared texts that a test writes itself
 * (as pieces, see {@link HandMadeZip}), so that a hostile workbook is cheap to make.
 */
final class HandMadeWorkbook {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    static final String STYLES = "<styleSheet xmlns=\"" + MAIN + "\"><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills>"
            + "<borders count=\"1\"><border/></borders><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
            + "</cellXfs></styleSheet>";

    private HandMadeWorkbook() {
    }

    /** The opening of a sheet part, up to its first row. */
    static Piece sheetStart() {
        return Piece.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData>");
    }

    static Piece sheetEnd() {
        return Piece.of("</sheetData></worksheet>");
    }

    /** The opening of a shared-strings part; {@code uniqueCount} is left out when negative. */
    static Piece stringsStart(long uniqueCount) {
        return Piece.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\""
                + (uniqueCount < 0 ? "" : " count=\"" + uniqueCount + "\" uniqueCount=\"" + uniqueCount + "\"") + ">");
    }

    static Piece stringsEnd() {
        return Piece.of("</sst>");
    }

    /** A one-row sheet of shared texts 0, 1, ...: a header the Care Gap study knows when the texts are its ids. */
    static Piece[] headerSheet(int cells) {
        StringBuilder row = new StringBuilder("<row r=\"1\">");
        for (int i = 0; i < cells; i++) {
            row.append("<c r=\"").append((char) ('A' + i)).append("1\" t=\"s\"><v>").append(i).append("</v></c>");
        }
        return new Piece[]{sheetStart(), Piece.of(row.append("</row>").toString()), sheetEnd()};
    }

    /** Writes a workbook of the given sheet and, unless null, shared strings (each part declaring its true size). */
    static Path write(Path file, Piece[] sheet, Piece[] strings) throws IOException {
        return write(file, sheet, strings, -1, STYLES);
    }

    /**
     * Writes a workbook.
     *
     * @param stringsDeclaredSize the size the shared-strings part states, or -1 for its true size
     * @param styles              the styles part
     */
    static Path write(Path file, Piece[] sheet, Piece[] strings, long stringsDeclaredSize, String styles) throws IOException {
        try (HandMadeZip zip = new HandMadeZip(file)) {
            for (Map.Entry<String, String> part : smallParts(strings != null, styles).entrySet()) {
                zip.entry(part.getKey(), Piece.of(part.getValue()));
            }
            if (strings != null) {
                zip.entry("xl/sharedStrings.xml", stringsDeclaredSize, strings);
            }
            zip.entry("xl/worksheets/sheet1.xml", sheet);
        }
        return file;
    }

    /** The parts of a one-sheet workbook but the sheet and the shared strings, by name, in the order Excel writes them. */
    static Map<String, String> smallParts(boolean withStrings, String styles) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + SPREADSHEET + "sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" + SPREADSHEET + "worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + SPREADSHEET + "styles+xml\"/>"
                + (withStrings ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" + SPREADSHEET + "sharedStrings+xml\"/>" : "")
                + "</Types>");
        parts.put("_rels/.rels", "<Relationships xmlns=\"" + RELATIONSHIPS + "\"><Relationship Id=\"rId1\" Type=\""
                + OFFICE + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + OFFICE + "\"><sheets>"
                + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + RELATIONSHIPS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + OFFICE + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + OFFICE + "/styles\" Target=\"styles.xml\"/>"
                + (withStrings ? "<Relationship Id=\"rId3\" Type=\"" + OFFICE + "/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "")
                + "</Relationships>");
        parts.put("xl/styles.xml", styles);
        return parts;
    }
}
