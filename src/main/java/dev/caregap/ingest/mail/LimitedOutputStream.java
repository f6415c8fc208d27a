package dev.caregap.ingest.mail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on until {@code max} were written, then refuses the rest: a size counted, never taken on trust. */
final class LimitedOutputStream extends FilterOutputStream {

    /** More than the limit was offered. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("larger than its limit");
        }
    }

    private final long max;
    private long written;

    LimitedOutputStream(OutputStream out, long max) {
        super(out);
        this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(long bytes) throws TooLarge {
        written += bytes;
        if (written > max) {
            throw new TooLarge();
        }
    }
}
