package dev.caregap.store;

/**
 * The key of a stored respondent: its export and row in one number, {@code export * 2^32 + row} (V12); a block of
 * respondents (V16) is keyed by its first respondent's. One bigint key lets H2 keep the rows in a single tree ordered
 * by it; an export's blocks lie together, in row order, in the range [{@link #first}(export), {@link #first}(export + 1)).
 */
final class RespondentKey {

    /** Rows an export may hold: the row number takes the key's low 32 bits. */
    static final long ROWS = 1L << 32;

    /** The condition that the key column {@code keyColumn} (a block's, V16) lies in the export {@code exportColumn} names. */
    static String inExport(String keyColumn, String exportColumn) {
        return keyColumn + " >= " + exportColumn + " * " + ROWS + " and " + keyColumn + " < ("
                + exportColumn + " + 1) * " + ROWS;
    }

    private RespondentKey() {
    }

    static long of(long exportId, long row) {
        if (exportId < 0 || exportId >= Long.MAX_VALUE / ROWS) {
            throw new IllegalArgumentException("export " + exportId + " is out of the range a respondent key holds");
        }
        if (row < 0 || row >= ROWS) {
            throw new IllegalArgumentException("row " + row + " of export " + exportId + " is past the "
                    + String.format(java.util.Locale.ROOT, "%,d", ROWS - 1) + " rows an export may hold");
        }
        return exportId * ROWS + row;
    }

    /** The key of an export's row 0: its rows are the keys from here up to first(export + 1). */
    static long first(long exportId) {
        return of(exportId, 0);
    }

    /** The bounds of an export's keys, [first(export), first(export + 1)), as the two arguments of a range query. */
    static Object[] rangeOf(long exportId) {
        return new Object[] {first(exportId), first(exportId + 1)};
    }

    /** The end (exclusive) of the keys of an export's rows before {@code row}: rows past the last possible one end at the export's end. */
    static long before(long exportId, long row) {
        return row >= ROWS ? first(exportId + 1) : of(exportId, Math.max(row, 0));
    }
}
