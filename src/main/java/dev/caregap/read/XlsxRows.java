package dev.caregap.read;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rows of the first sheet of an .xlsx workbook, streamed: POI's SAX sheet handler runs on a thread of its
 * own and hands rows over through a small queue (bounded in rows and in text), so that neither the sheet nor its
 * rows are held in memory. Cells are placed by their reference, since the handler skips empty ones; numbers and
 * dates are written out whole (see {@link WorkbookCellFormat}), other cells as Excel shows them. What the workbook
 * may cost is bounded by {@link WorkbookLimits}: its parts are unpacked through {@link WorkbookZip}, its shared
 * texts read by {@link WorkbookStrings}, each row bounded in XML ({@link XmlFeed}) and in columns.
 */
final class XlsxRows implements SheetRows {

    private static final Object END = new Object();
    private static final String CANNOT_BE_OPENED = "The file is an Excel workbook (.xlsx) that cannot be opened; it may be "
            + "damaged: open it in Excel and save it again, or save its sheet as CSV.";
    private static final int QUEUED_KILOBYTES = 16 * 1024;
    /** How POI's sheet handler gives a cell that holds one of Excel's errors. */
    private static final Set<String> EXCEL_ERRORS = Stream.of("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
            "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!").map(error -> "ERROR:" + error).collect(Collectors.toUnmodifiableSet());

    private final String fileName;
    private final WorkbookLimits limits;
    private final OPCPackage workbook;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(256);
    /** Kilobytes of text the queued rows may hold, so that a few huge rows cannot fill the heap while they wait. */
    private final Semaphore queuedKilobytes = new Semaphore(QUEUED_KILOBYTES);
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

    private XlsxRows(String fileName, WorkbookLimits limits, OPCPackage workbook, InputStream sheet, StylesTable styles,
                     WorkbookStrings strings) {
        this.fileName = fileName;
        this.limits = limits;
        this.workbook = workbook;
        this.parser = new Thread(() -> parse(sheet, styles, strings), "xlsx-sheet-reader");
        this.parser.setDaemon(true);
    }

    /**
     * Opens the workbook within its limits; rejects a zip archive that is no workbook, says what it is instead, and
     * rejects a workbook that cannot be read or would cost more than the limits allow.
     */
    static XlsxRows open(Path file, String fileName, WorkbookLimits limits) {
        ZipContents.checkWorkbook(file, fileName, limits);
        OPCPackage workbook = openPackage(file, fileName, limits);
        try {
            XSSFReader reader = new XSSFReader(workbook);
            StylesTable styles = reader.getStylesTable();
            WorkbookStrings strings = sharedStrings(workbook, fileName, limits);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ExportRejectedException("The workbook has no sheet.", "file " + fileName);
            }
            XlsxRows rows = new XlsxRows(fileName, limits, workbook, sheets.next(), styles, strings);
            rows.parser.start();
            return rows;
        } catch (Exception e) {
            workbook.revert();
            throw rejection(fileName, e);
        }
    }

    private static OPCPackage openPackage(Path file, String fileName, WorkbookLimits limits) {
        WorkbookZip zip;
        try {
            zip = WorkbookZip.open(file, fileName, limits);
        } catch (Exception e) {
            throw rejection(fileName, e);
        }
        try {
            return OPCPackage.open(zip);
        } catch (Exception e) {
            try {
                zip.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw rejection(fileName, e);
        }
    }

    private static WorkbookStrings sharedStrings(OPCPackage workbook, String fileName, WorkbookLimits limits) throws Exception {
        List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return WorkbookStrings.none(fileName, limits);
        }
        PackagePart part = parts.get(0);
        try (InputStream in = part.getInputStream()) {
            return WorkbookStrings.read(in, fileName, limits);
        } catch (SAXException e) {
            throw damaged(fileName, part.getPartName().getName().replaceFirst("^/", ""), e);
        }
    }

    /**
     * A part the XML parser cannot read, and where it stopped: never the parser's message, which quotes the text it
     * stopped in (a shared text is a cell's: a respondent's name or e-mail address).
     */
    private static ExportRejectedException damaged(String fileName, String part, SAXException e) {
        ExportRejectedException limit = find(e, ExportRejectedException.class);
        if (limit != null) {
            return limit;
        }
        String where = e instanceof SAXParseException at && at.getLineNumber() > 0
                ? ", line " + at.getLineNumber() + ", column " + at.getColumnNumber() : "";
        return new ExportRejectedException(CANNOT_BE_OPENED,
                "file " + fileName + ": " + part + " is damaged (" + e.getClass().getSimpleName() + where + ")", e);
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
        SheetRow row = (SheetRow) item;
        queuedKilobytes.release(kilobytes(row));
        return row;
    }

    @Override
    public boolean writesEveryCell() {
        return false;
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

    private void parse(InputStream sheet, StylesTable styles, WorkbookStrings strings) {
        RowCollector rows = new RowCollector();
        try (XmlFeed feed = new XmlFeed(sheet, limits.rowXmlBytes(), rows::tooLong)) {
            rows.feed = feed;
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new WorkbookCellFormat(), false));
            xml.parse(new InputSource(feed));
            hand(END);
        } catch (Stopped stopped) {
            // closed before the end: nobody wants the rest
        } catch (Exception e) {
            if (!closed) {
                ExportRejectedException limit = find(e, ExportRejectedException.class);
                long after = rows.lastRow;
                handQuietly(new Failure(limit != null ? limit : new ExportRejectedException(
                        "The workbook's first sheet cannot be read" + (after > 0 ? " after row " + after : "")
                                + "; the workbook may be damaged: open it in Excel and save it again, or save the sheet as CSV.",
                        "file " + fileName + (after > 0 ? ", after row " + after : "") + ": the sheet's XML is damaged ("
                                + e.getClass().getSimpleName() + ")", e)));
            }
        }
    }

    private void hand(Object item) {
        try {
            int kilobytes = item instanceof SheetRow row ? kilobytes(row) : 0;
            while (!queuedKilobytes.tryAcquire(kilobytes, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
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

    /** A row's weight in the queue: its characters (counted whole even when cells share a text), at most all of it. */
    private static int kilobytes(SheetRow row) {
        long chars = 0;
        for (String cell : row.cells()) {
            chars += cell == null ? 0 : cell.length();
        }
        return (int) Math.min(QUEUED_KILOBYTES, 1 + chars / 1024);
    }

    private void handQuietly(Object item) {
        try {
            hand(item);
        } catch (Stopped ignored) {
            // closed meanwhile
        }
    }

    /**
     * A limit passed on the way (POI may have wrapped it), else a workbook that cannot be opened, named by what failed
     * and what caused it: never their messages, since an XML parser's quotes the text it stopped in, and POI passes
     * one on in messages of its own (a damaged styles part is an IOException holding the parser's message).
     */
    private static ExportRejectedException rejection(String fileName, Exception e) {
        ExportRejectedException found = find(e, ExportRejectedException.class);
        if (found != null) {
            return found;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ExportRejectedException(CANNOT_BE_OPENED, "file " + fileName + ": " + e.getClass().getSimpleName()
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ")"), e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Gathers a row's cells by column reference ("C7" goes to the third column), up to the limit of columns. */
    private final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<String> cells = new ArrayList<>();
        XmlFeed feed;
        long lastRow;
        /** The row being read, or the one after the last while between rows. */
        long row = 1;

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            row = rowNum + 1L;
            feed.itemEnded();
        }

        @Override
        public void endRow(int rowNum) {
            lastRow = rowNum + 1L;
            row = lastRow + 1;
            feed.itemEnded();
            hand(new SheetRow(lastRow, SheetRow.withoutNul(cells.toArray(String[]::new))));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? -1 : column(reference);
            if (column < 0) {
                column = cells.size();
            }
            if (column >= limits.cellsPerRow()) {
                throw tooWide(reference, column);
            }
            while (cells.size() < column) {
                cells.add("");
            }
            // a formula's error (#N/A from a lookup, #VALUE!, ...) holds no value: an empty cell, as #N/A in a text file
            String text = value == null || EXCEL_ERRORS.contains(value) ? "" : value;
            if (column < cells.size()) {
                cells.set(column, text);
            } else {
                cells.add(text);
            }
        }

        private ExportRejectedException tooWide(String reference, int column) {
            String letters = reference == null ? "" : reference.replaceFirst("^([A-Z]{1,12}).*$", "$1");
            String where = letters.isEmpty() || !Character.isLetter(letters.charAt(0)) ? "number " + (column + 1) : letters;
            return WorkbookTooLarge.rejection(fileName, "row " + row + " of its first sheet has a cell in column " + where,
                    WorkbookTooLarge.count(limits.cellsPerRow()) + " columns (up to XFD, Excel's own limit)",
                    "row " + row + ", cell " + (reference == null ? where : MessageText.printable(reference)));
        }

        private ExportRejectedException tooLong() {
            return WorkbookTooLarge.rejection(fileName, "row " + row + " of its first sheet runs on for more than "
                            + WorkbookTooLarge.megabytes(limits.rowXmlBytes()) + " of XML",
                    WorkbookTooLarge.megabytes(limits.rowXmlBytes()) + " for one row", "after row " + lastRow);
        }

        /** "AB12" -> 27 (0-based); a reference past the limit of columns stops counting there. */
        private int column(String reference) {
            int column = 0;
            for (int i = 0; i < reference.length() && column <= limits.cellsPerRow(); i++) {
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
