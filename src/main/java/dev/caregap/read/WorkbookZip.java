package dev.caregap.read;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.util.ZipEntrySource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The zip entries of a workbook as POI reads them, every unpacked byte counted against the {@link WorkbookLimits}:
 * all parts together may unpack to {@code unpackedBytes}, and a part POI parses whole into a tree in memory
 * (anything but the sheets and the shared strings, which are streamed) to {@code wholePartBytes}. A part whose
 * declared size is past its limit is refused before any of it is unpacked; one that holds more than it declares is
 * stopped as its bytes pass the limit.
 */
final class WorkbookZip implements ZipEntrySource {

    private final ZipFile zip;
    private final String fileName;
    private final WorkbookLimits limits;
    /** Read by the caller's thread and then the sheet's. */
    private final AtomicLong unpacked = new AtomicLong();
    private volatile boolean closed;

    private WorkbookZip(ZipFile zip, String fileName, WorkbookLimits limits) {
        this.zip = zip;
        this.fileName = fileName;
        this.limits = limits;
    }

    static WorkbookZip open(Path file, String fileName, WorkbookLimits limits) throws IOException {
        return new WorkbookZip(ZipFile.builder().setFile(file.toFile()).get(), fileName, limits);
    }

    @Override
    public Enumeration<? extends ZipArchiveEntry> getEntries() {
        return zip.getEntries();
    }

    @Override
    public ZipArchiveEntry getEntry(String path) {
        return zip.getEntry(path);
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        String part = MessageText.printable(entry.getName());
        boolean whole = !isStreamed(entry.getName());
        long declared = entry.getSize();
        if (whole && declared > limits.wholePartBytes()) {
            throw wholePartTooLarge(part, "unpacks to " + WorkbookTooLarge.megabytes(declared),
                    "declares " + WorkbookTooLarge.count(declared) + " bytes unpacked");
        }
        if (declared > limits.unpackedBytes() - unpacked.get()) {
            String what = declared > limits.unpackedBytes()
                    ? "its part " + part + " unpacks to " + WorkbookTooLarge.megabytes(declared)
                    : "its parts unpack to more than " + WorkbookTooLarge.megabytes(limits.unpackedBytes()) + " together";
            throw WorkbookTooLarge.rejection(fileName, what, unpackedLimit(),
                    part + " declares " + WorkbookTooLarge.count(declared) + " bytes unpacked, after "
                            + WorkbookTooLarge.count(unpacked.get()) + " bytes of other parts");
        }
        return new Counted(zip.getInputStream(entry), part, whole ? limits.wholePartBytes() : Long.MAX_VALUE);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        zip.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The sheets and the shared strings are streamed (the strings by {@link WorkbookStrings}, within its own limits). */
    private static boolean isStreamed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return (lower.startsWith("xl/worksheets/") && !lower.contains("/_rels/")) || lower.endsWith("sharedstrings.xml");
    }

    private String unpackedLimit() {
        return WorkbookTooLarge.megabytes(limits.unpackedBytes()) + " for the parts of one workbook together";
    }

    private ExportRejectedException wholePartTooLarge(String part, String size, String detail) {
        return WorkbookTooLarge.rejection(fileName, "its part " + part + " " + size,
                WorkbookTooLarge.megabytes(limits.wholePartBytes()) + " for a part that is read whole", part + " " + detail);
    }

    /** A part's bytes as they are unpacked, charged to the part and to the workbook. */
    private final class Counted extends CountingStream {
        private final String part;
        private final long partLimit;
        private long read;

        Counted(InputStream in, String part, long partLimit) {
            super(in);
            this.part = part;
            this.partLimit = partLimit;
        }

        @Override
        void count(long n) {
            read += n;
            if (read > partLimit) {
                throw wholePartTooLarge(part, "unpacks to more than " + WorkbookTooLarge.megabytes(partLimit),
                        "more than " + WorkbookTooLarge.count(partLimit) + " bytes unpacked");
            }
            long total = unpacked.addAndGet(n);
            if (total > limits.unpackedBytes()) {
                throw WorkbookTooLarge.rejection(fileName,
                        "its parts unpack to more than " + WorkbookTooLarge.megabytes(limits.unpackedBytes()) + " together",
                        unpackedLimit(), "stopped in " + part + " after " + WorkbookTooLarge.count(total) + " bytes unpacked");
            }
        }
    }
}
