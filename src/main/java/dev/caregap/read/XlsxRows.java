package dev.caregap.read;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The rows of the first sheet of an .xlsx workbook, streamed: POI's SAX sheet handler runs on a thread of its
 * own and hands rows over through a small queue, so that neither the sheet nor its rows are held in memory.
 * Cells are placed by their reference, since the handler skips empty ones; numbers and dates are written
 * out whole (see {@link WorkbookCellFormat}), other cells as Excel shows them.
 */
final class XlsxRows implements SheetRows {

    private static final Object END = new Object();

    private final String fileName;
    private final OPCPackage workbook;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(256);
    private final Thread parser;
    private volatile boolean closed;
    private boolean finished;

    private record Failure(RuntimeException exception) {
    }

    /** Thrown inside the parser to stop it once the rows are no longer wanted. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private XlsxRows(String fileName, OPCPackage workbook, InputStream sheet, StylesTable styles,
                     ReadOnlySharedStringsTable strings) {
        this.fileName = fileName;
        this.workbook = workbook;
        this.parser = new Thread(() -> parse(sheet, styles, strings), "xlsx-sheet-reader");
        this.parser.setDaemon(true);
    }

    /** Opens the workbook; rejects a zip archive that is no workbook or cannot be read. */
    static XlsxRows open(Path file, String fileName) {
        OPCPackage workbook;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (Exception e) {
            throw corrupt(fileName, e);
        }
        try {
            if (!workbook.containPart(PackagingURIHelper.createPartName("/xl/workbook.xml"))) {
                throw new ExportRejectedException("The file is a zip archive but not an Excel workbook (.xlsx).",
                        "file " + fileName + ": no xl/workbook.xml part");
            }
            XSSFReader reader = new XSSFReader(workbook);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ExportRejectedException("The workbook has no sheet.", "file " + fileName);
            }
            XlsxRows rows = new XlsxRows(fileName, workbook, sheets.next(), styles, strings);
            rows.parser.start();
            return rows;
        } catch (ExportRejectedException e) {
            workbook.revert();
            throw e;
        } catch (Exception e) {
            workbook.revert();
            throw corrupt(fileName, e);
        }
    }

    @Override
    public SheetRow next() {
        if (finished) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportRejectedException("Reading the workbook was interrupted.", "file " + fileName, e);
        }
        if (item == END) {
            finished = true;
            return null;
        }
        if (item instanceof Failure failure) {
            finished = true;
            throw failure.exception();
        }
        return (SheetRow) item;
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            parser.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workbook.revert();
    }

    private void parse(InputStream sheet, StylesTable styles, ReadOnlySharedStringsTable strings) {
        RowCollector rows = new RowCollector();
        try (sheet) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new WorkbookCellFormat(), false));
            xml.parse(new InputSource(sheet));
            hand(END);
        } catch (Stopped stopped) {
            // closed before the end: nobody wants the rest
        } catch (Exception e) {
            if (!closed) {
                long after = rows.lastRow;
                handQuietly(new Failure(new ExportRejectedException(
                        "The workbook's first sheet cannot be read" + (after > 0 ? " after row " + after : "") + ".",
                        "file " + fileName + (after > 0 ? ", after row " + after : "") + ": the sheet's XML is damaged", e)));
            }
        }
    }

    private void hand(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (closed) {
            throw new Stopped();
        }
    }

    private void handQuietly(Object item) {
        try {
            hand(item);
        } catch (Stopped ignored) {
            // closed meanwhile
        }
    }

    private static ExportRejectedException corrupt(String fileName, Exception e) {
        return new ExportRejectedException("The file looks like an Excel workbook (.xlsx) but cannot be opened; it may be damaged.",
                "file " + fileName + ": " + e.getClass().getSimpleName(), e);
    }

    /** Gathers a row's cells by column reference ("C7" goes to the third column). */
    private final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<String> cells = new ArrayList<>();
        long lastRow;

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            lastRow = rowNum + 1L;
            hand(new SheetRow(lastRow, cells.toArray(String[]::new)));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? -1 : column(reference);
            if (column < 0) {
                column = cells.size();
            }
            while (cells.size() < column) {
                cells.add("");
            }
            String text = value == null ? "" : value;
            if (column < cells.size()) {
                cells.set(column, text);
            } else {
                cells.add(text);
            }
        }

        /** "AB12" -> 27 (0-based). */
        private static int column(String reference) {
            int column = 0;
            for (int i = 0; i < reference.length(); i++) {
                char c = reference.charAt(i);
                if (c < 'A' || c > 'Z') {
                    break;
                }
                column = column * 26 + (c - 'A' + 1);
            }
            return column - 1;
        }
    }
}
