package dev.caregap.read;

import java.util.Locale;

/** The rejection of a workbook that passes one of its {@link WorkbookLimits}: what passed which limit, in one sentence. */
final class WorkbookTooLarge {

    private WorkbookTooLarge() {
    }

    /**
     * @param what   what was found, e.g. "its shared texts hold more than 64,000,000 characters"
     * @param limit  the limit, e.g. "64,000,000 characters"
     * @param detail where, for the details, e.g. "xl/sharedStrings.xml, after 53,334 texts"
     */
    static ExportRejectedException rejection(String fileName, String what, String limit, String detail) {
        return new ExportRejectedException("The workbook is too large to read safely: " + what + ", past the limit of "
                + limit + ". Save its sheet as CSV instead: a CSV file is read row by row, whatever its size.",
                "file " + fileName + ": " + detail);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes as whole megabytes (MiB), rounded up so that a size just past a limit never reads as equal to it. */
    static String megabytes(long bytes) {
        return count((bytes + WorkbookLimits.MB - 1) / WorkbookLimits.MB) + " MB";
    }
}
