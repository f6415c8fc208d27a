package dev.caregap.read;

/** The rows of an export file, one at a time, whatever the file format (CSV text or a workbook sheet). */
interface SheetRows extends AutoCloseable {

    /** The next row, or null at the end; throws {@link ExportRejectedException} when the file breaks off. */
    SheetRow next();

    /** The file format for provenance, e.g. "CSV (UTF-8 BOM, ';')" or "XLSX". */
    String format();

    @Override
    void close();
}
