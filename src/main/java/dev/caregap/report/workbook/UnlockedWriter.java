package dev.caregap.report.workbook;

import java.io.IOException;
import java.io.Writer;

/**
 * A buffered writer that takes no lock per call. A streaming sheet's XML is written a character at a time, from one
 * thread; {@link java.io.BufferedWriter} locks for each of those millions of calls, which was a third of a
 * 100,000-row Responses sheet's time.
 */
final class UnlockedWriter extends Writer {

    private final Writer out;
    private final char[] buffer = new char[1 << 16];
    private int filled;

    UnlockedWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        if (filled == buffer.length) {
            drain();
        }
        buffer[filled++] = (char) c;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (length > buffer.length - filled) {
            drain();
            if (length > buffer.length) {
                out.write(chars, offset, length);
                return;
            }
        }
        System.arraycopy(chars, offset, buffer, filled, length);
        filled += length;
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == buffer.length) {
                drain();
            }
            int part = Math.min(length, buffer.length - filled);
            text.getChars(offset, offset + part, buffer, filled);
            filled += part;
            offset += part;
            length -= part;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        if (filled > 0) {
            out.write(buffer, 0, filled);
            filled = 0;
        }
    }
}
