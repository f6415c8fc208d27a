package dev.caregap.read;

/** The rows of an export file, one at a time, whatever the file format (CSV text or a workbook sheet). */
interface SheetRows extends AutoCloseable {

    /** The next row, or null at the end; throws {@link ExportRejectedException} when the file breaks off. */
    SheetRow next();

    /**
     * Whether a row holds every cell the file writes for it, empty ones included (text files); a workbook leaves
     * out the empty cells at a row's end, so a short row there says nothing.
     */
    boolean writesEveryCell();

    /** The file format for provenance, e.g. "CSV (UTF-8 BOM, ';')" or "XLSX". */
    String format();

    /**
     * From the next row on, the cells of these columns (true, by column) need only say whether they are blank: the
     * export never reads them. A reader may still give their text.
     */
    default void leaveUnread(boolean[] columns) {
    }

    /** How many bytes of the file were read so far, for progress on long files; -1 when not known (workbooks). */
    default long bytesRead() {
        return -1;
    }

    @Override
    void close();
}
