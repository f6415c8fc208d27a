package dev.caregap.read;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes a delimited text through while following its records as Commons CSV reads them ({@link RecordFollower}),
 * and stops with {@link TooLong} once one record runs past a generous number of characters. Without it, a single
 * unclosed quote would make the parser gather the whole rest of the file into one field, in memory, before failing.
 */
final class BoundedRecords extends FilterReader {

    /** Characters one record may hold; far beyond any real row. */
    static final int MOST_CHARS = 1_000_000;

    private final RecordFollower records;
    private final int mostChars;
    private long recordChars;

    /** A record ran past the limit; {@code quoted} tells whether it was inside a quoted field then. */
    static final class TooLong extends IOException {
        final boolean quoted;

        TooLong(boolean quoted, int mostChars) {
            super("a record runs on for more than " + mostChars + " characters" + (quoted ? " inside a quoted field" : ""));
            this.quoted = quoted;
        }
    }

    BoundedRecords(Reader in, char delimiter) {
        this(in, delimiter, MOST_CHARS);
    }

    BoundedRecords(Reader in, char delimiter, int mostChars) {
        super(in);
        this.records = new RecordFollower(delimiter);
        this.mostChars = mostChars;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0) {
            follow((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read > 0 && recordChars + read <= mostChars) {
            // no record can pass the limit within these characters: only the line ends matter
            int after = records.lineEnds(buffer, offset, offset + read);
            recordChars = after < 0 ? recordChars + read : offset + read - after;
        } else {
            for (int i = 0; i < read; i++) {
                follow(buffer[offset + i]);
            }
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void follow(char c) throws TooLong {
        if (records.follow(c) == RecordFollower.Kind.LINE_END) {
            recordChars = 0;
        } else if (++recordChars > mostChars) {
            throw new TooLong(records.inQuotedField(), mostChars);
        }
    }
}
