package dev.caregap.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an export's rows by what its bytes are (a workbook, text, or neither), never by its name. */
final class ExportFile {

    /** What a file must be, for the reasons files are rejected with. */
    static final String READS = "caregap reads CSV/TSV text files and .xlsx workbooks";

    /** Workbook or text, and text or binary, are decided on this much of the file's start. */
    private static final int SAMPLE = 64 * 1024;

    private ExportFile() {
    }

    static SheetRows open(Path file, String fileName, WorkbookLimits limits) {
        byte[] head = new byte[SAMPLE];
        int length;
        boolean complete;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, SAMPLE);
            complete = in.read() < 0;
        } catch (IOException e) {
            throw new ExportRejectedException("The file cannot be opened.", "file " + fileName + ": " + e.getMessage(), e);
        }
        if (length == 0) {
            throw new ExportRejectedException("The file is empty.", "file " + fileName + ": 0 bytes");
        }
        if (FirstBytes.isZip(head, length)) {
            return XlsxRows.open(file, fileName, limits);
        }
        String foreign = ForeignFormat.reason(head, length);
        if (foreign != null) {
            throw new ExportRejectedException(foreign, "file " + fileName + ": told by its first bytes");
        }
        TextFormat text;
        try {
            text = TextFormat.detect(file, head, length, complete);
        } catch (IOException e) {
            throw new ExportRejectedException("The file cannot be read.", "file " + fileName + ": " + e.getMessage(), e);
        }
        if (text == null) {
            throw new ExportRejectedException("The file holds binary data, neither text nor a workbook: " + READS + ".",
                    "file " + fileName + ": NUL bytes or control characters in its first " + Math.min(length, SAMPLE) + " bytes");
        }
        try {
            return CsvRows.open(file, fileName, text);
        } catch (IOException e) {
            throw new ExportRejectedException("The file cannot be read.", "file " + fileName + ": " + e.getMessage(), e);
        }
    }
}
