package dev.caregap.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that hands how many bytes each read or skip took to {@link #count}, which refuses them by throwing: how a
 * workbook's limits (what its parts unpack to, how long one item of a part runs) stop a file as it is read.
 */
abstract class CountingStream extends FilterInputStream {

    CountingStream(InputStream in) {
        super(in);
    }

    /** Takes the bytes just read or skipped; throws once they pass a limit. */
    abstract void count(long bytes);

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }
}
