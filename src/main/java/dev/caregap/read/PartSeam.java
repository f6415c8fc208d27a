package dev.caregap.read;

import java.util.Arrays;

/**
 * Where one part of a file read in parts ({@link Export#parts(int)}) ends and the next begins. The earlier part's
 * reader reads on to the first row past its end, the later part's reader starts with it: both must see the same
 * row, with the number the cut gave it, or the cut was misplaced and the parts' rows are not the file's. Then the
 * reading fails rather than count wrong rows.
 */
final class PartSeam {

    private final String fileName;
    private final long rowsBefore;
    private SheetRow pastEnd;
    private SheetRow first;
    private int seen;

    PartSeam(String fileName, long rowsBefore) {
        this.fileName = fileName;
        this.rowsBefore = rowsBefore;
    }

    /** The first row past the earlier part's end, as its reader read it; null when that reader found the file ended. */
    synchronized void pastEnd(SheetRow row) {
        pastEnd = row;
        check();
    }

    /** The later part's first row, as its own reader read it; null when it found none. */
    synchronized void first(SheetRow row) {
        first = row;
        check();
    }

    private void check() {
        if (++seen < 2) {
            return;
        }
        boolean same = pastEnd != null && first != null && pastEnd.number() == rowsBefore + 1 && first.number() == rowsBefore + 1
                && Arrays.equals(pastEnd.cells(), first.cells());
        if (!same) {
            throw new IllegalStateException("file " + fileName + " was read in parts that do not meet after row "
                    + rowsBefore + ": the earlier part's reader found " + describe(pastEnd) + " there, the later part's "
                    + describe(first));
        }
    }

    /** A row by its number and size only: its cells may hold personal data. */
    private static String describe(SheetRow row) {
        return row == null ? "the end of the file" : "row " + row.number() + " of " + row.size() + " cells";
    }
}
