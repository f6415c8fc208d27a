package dev.caregap.read;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * The XML of a streamed workbook part, stopped once one item (a row of the sheet, one shared text) runs on for
 * more than a limit of bytes. The parser holds an item's text and attributes in memory until it ends, so without
 * this a single row or attribute could take all of it; the reader tells each item's end with {@link #itemEnded()}.
 */
final class XmlFeed extends CountingStream {

    private final long limit;
    private final Supplier<ExportRejectedException> tooLong;
    private long sinceMark;

    /** @param tooLong the rejection once an item passes the limit (it says which item) */
    XmlFeed(InputStream in, long limit, Supplier<ExportRejectedException> tooLong) {
        super(in);
        this.limit = limit;
        this.tooLong = tooLong;
    }

    /** An item ended: the next one starts counting from here. */
    void itemEnded() {
        sinceMark = 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    void count(long n) {
        sinceMark += n;
        if (sinceMark > limit) {
            throw tooLong.get();
        }
    }
}
