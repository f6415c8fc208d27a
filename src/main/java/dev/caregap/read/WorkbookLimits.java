package dev.caregap.read;

/**
 * What one .xlsx workbook may cost to read. A workbook is a zip of XML parts, and a small file can unpack to
 * gigabytes; its table of shared texts must be held in memory whole to read any row. Past a limit the workbook is
 * rejected before the memory is spent. The defaults leave a real export far below them: a 100,000-respondent
 * Qualtrics workbook (dates, ids, IP addresses all different) unpacks to 140 MB and holds 612,000 shared texts of
 * 7.4 million characters (about 45 MB of heap). At the limits the texts take at most about 250 MB of heap.
 *
 * @param unpackedBytes     bytes all parts read may unpack to together (the sheet is streamed, so this bounds time)
 * @param wholePartBytes    bytes a part that POI parses whole into a tree (styles, workbook, relationships ...) may
 *                          unpack to; the tree takes about nine times as much heap. A survey tool's are a few KB,
 *                          and Excel's most styles (64,000) take about 6 MB
 * @param sharedStrings     texts the shared-strings table may hold (they are kept in memory)
 * @param sharedStringChars characters those texts may hold together
 * @param rowXmlBytes       bytes of XML one row of the sheet, or one shared text, may take
 * @param cellsPerRow       columns a row may reach (Excel's own limit: 16,384, column XFD)
 * @param parts             parts (zip entries) the workbook may have
 */
record WorkbookLimits(long unpackedBytes, long wholePartBytes, int sharedStrings, long sharedStringChars,
                      long rowXmlBytes, int cellsPerRow, int parts) {

    static final long MB = 1024 * 1024;

    static final WorkbookLimits DEFAULT = new WorkbookLimits(
            1024 * MB, 10 * MB, 2_000_000, 64_000_000, 16 * MB, 16_384, 1_000);
}
