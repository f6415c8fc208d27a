package dev.caregap.read;

/**
 * Follows the records of a delimited text as the CSV parser reads them, fed one character at a time: a quote opens a
 * field only as its first character, {@code ""} inside a quoted field is a quote, and line breaks inside one belong
 * to it. Each of CR and LF outside quotes ends a record (CR LF is for the caller to take as one line end).
 */
public final class RecordFollower {

    /** What a character was to the record. */
    public enum Kind {
        /** A line end outside quotes: the record ends. */
        LINE_END,
        /** A delimiter outside quotes: the next cell starts. */
        CELL_END,
        /** A quote that opens or closes a quoted field, or one of a {@code ""} pair inside it. */
        QUOTE,
        /** Part of a cell's text (a line end or delimiter inside a quoted field, a quote inside an unquoted one). */
        TEXT
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final char delimiter;
    private State state = State.FIELD_START;
    /** Whether the last byte taken by {@link #records(byte[], int, int)} was a CR that ended a record. */
    private boolean afterCarriageReturn;

    public RecordFollower(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Takes the next character; allocates nothing (it runs on every character of every export). */
    public Kind follow(char c) {
        if (state == State.QUOTED) {
            if (c == '"') {
                state = State.QUOTE_IN_QUOTED;
                return Kind.QUOTE;
            }
            return Kind.TEXT;
        }
        if (c == '\n' || c == '\r') {
            state = State.FIELD_START;
            return Kind.LINE_END;
        }
        if (c == delimiter) {
            state = State.FIELD_START;
            return Kind.CELL_END;
        }
        if (c == '"' && state == State.FIELD_START) {
            state = State.QUOTED;
            return Kind.QUOTE;
        }
        if (c == '"' && state == State.QUOTE_IN_QUOTED) {
            state = State.QUOTED; // "" inside a quoted field
            return Kind.QUOTE;
        }
        state = State.UNQUOTED;
        return Kind.TEXT;
    }

    /**
     * Follows the bytes {@code bytes[from..to)} of a text in which a quote, the delimiter and the line ends are single
     * bytes that are never part of another character (UTF-8, Windows-1252), as {@link #follow(char)} would; returns
     * how many records they end. CR LF ends one, also when the two are taken in different calls.
     */
    public long records(byte[] bytes, int from, int to) {
        State s = state;
        boolean cr = afterCarriageReturn;
        long ended = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (s == State.QUOTED) {
                if (b == '"') {
                    s = State.QUOTE_IN_QUOTED;
                }
                cr = false;
            } else if (b == '\n') {
                ended += cr ? 0 : 1;
                s = State.FIELD_START;
                cr = false;
            } else if (b == '\r') {
                ended++;
                s = State.FIELD_START;
                cr = true;
            } else {
                cr = false;
                if (b == delimiter) {
                    s = State.FIELD_START;
                } else if (b == '"' && s != State.UNQUOTED) {
                    s = State.QUOTED;  // opens a field, or "" inside a quoted one
                } else {
                    s = State.UNQUOTED;
                }
            }
        }
        state = s;
        afterCarriageReturn = cr;
        return ended;
    }

    /** Whether a quoted field is open: what follows, line ends included, belongs to it until a quote. */
    public boolean quoteOpen() {
        return state == State.QUOTED;
    }

    /** Whether the current field began with a quote (open, or just after a quote that may close it). */
    public boolean inQuotedField() {
        return state == State.QUOTED || state == State.QUOTE_IN_QUOTED;
    }
}
