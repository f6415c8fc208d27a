package dev.caregap.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Notices a text export whose last row is cut short: the file does not end with a line end and its last row holds
 * fewer cells than its header. That is what a file read while it is still being written looks like (an export's
 * rows are as wide as its header, and survey tools end the last one with a line end or, like Google Sheets, write
 * every cell of it). Only files without a final line end are read through, once, in constant memory; workbooks,
 * binary files and files that end inside a quoted field are left to the reader, which says what is wrong with them.
 * <p>
 * Rows are followed as the reader's CSV parser reads them (a quote opens a field only as its first character,
 * {@code ""} inside it is a quote, line breaks inside it belong to it; CR LF is one line end), and the delimiter
 * is decided as the reader decides it, so row numbers are those the reader would give.
 */
final class IntakeLastRow {

    private static final int SAMPLE = 64 * 1024;
    private static final int HEADER_LIMIT = 1 << 20;
    private static final int SAMPLE_LINES = 5;
    private static final char[] DELIMITERS = {',', ';', '\t'};

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private IntakeLastRow() {
    }

    /**
     * The refusal of an export whose last row is cut short, or null.
     *
     * @param file      the file
     * @param shownName its name as shown (control characters escaped)
     */
    static IngestOutcome check(Path file, String shownName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE);
        }
        if (head.length == 0 || isZip(head)) {
            return null;
        }
        Charset charset;
        int bom;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.ISO_8859_1;  // byte by byte: delimiters, quotes and line ends are ASCII in UTF-8
            bom = 3;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (looksLikeText(head)) {
            charset = StandardCharsets.ISO_8859_1;  // UTF-8 or Windows-1252: the same for what is counted here
            bom = 0;
        } else {
            return null;  // binary: the reader says so
        }
        if (endsWithLineEnd(file, charset)) {
            return null;
        }
        char delimiter;
        try (Reader in = open(file, bom, charset)) {
            delimiter = delimiter(in);
        }
        try (Reader in = open(file, bom, charset)) {
            return lastRow(in, delimiter, shownName);
        }
    }

    private static IngestOutcome lastRow(Reader in, char delimiter, String shownName) throws IOException {
        State state = State.FIELD_START;
        long row = 1;
        int cells = 1;
        boolean blank = true;
        boolean afterCarriageReturn = false;
        long headerRow = 0;
        int headerCells = 0;
        char[] buffer = new char[64 * 1024];
        for (int read; (read = in.read(buffer)) >= 0; ) {
            for (int i = 0; i < read; i++) {
                char c = buffer[i];
                if (afterCarriageReturn) {
                    afterCarriageReturn = false;
                    if (c == '\n') {
                        continue;  // CR LF: one line end
                    }
                }
                if (state == State.QUOTED) {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else if (!Character.isWhitespace(c)) {
                        blank = false;
                    }
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    if (headerRow == 0 && !blank) {
                        headerRow = row;
                        headerCells = cells;
                    }
                    row++;
                    cells = 1;
                    blank = true;
                    state = State.FIELD_START;
                    afterCarriageReturn = c == '\r';
                } else if (c == delimiter) {
                    cells++;
                    state = State.FIELD_START;
                } else if (c == '"' && state == State.FIELD_START) {
                    state = State.QUOTED;
                } else if (c == '"' && state == State.QUOTE_IN_QUOTED) {
                    state = State.QUOTED;  // "" inside a quoted field
                } else {
                    state = State.UNQUOTED;
                    if (!Character.isWhitespace(c)) {
                        blank = false;
                    }
                }
            }
        }
        if (state == State.QUOTED || blank || headerRow == 0 || cells >= headerCells) {
            return null;  // ends inside a quoted field (the reader's to say), blank, the header itself, or whole
        }
        return IngestOutcome.refused(shownName,
                "The file ends in the middle of row " + row + ": it may still have been being written.",
                "file " + shownName + ", row " + row + ": " + cells + " of the " + headerCells + " cells of the header (row "
                        + headerRow + "), and no line end after them. Drop the file again once it is complete; a writer that"
                        + " may pause writes it under a temporary name (such as " + shownName + ".part) and renames it when"
                        + " it is complete");
    }

    /** Whether the file's last character is a line end, read from its last bytes only. */
    private static boolean endsWithLineEnd(Path file, Charset charset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int width = charset == StandardCharsets.ISO_8859_1 ? 1 : 2;
            if (size < width) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(width);
            while (last.hasRemaining() && channel.read(last, size - width + last.position()) > 0) {
                // read the last bytes
            }
            byte[] b = last.array();
            if (width == 1) {
                return b[0] == '\n' || b[0] == '\r';
            }
            if (charset == StandardCharsets.UTF_16LE) {
                return (b[0] == '\n' || b[0] == '\r') && b[1] == 0;
            }
            return b[0] == 0 && (b[1] == '\n' || b[1] == '\r');
        }
    }

    /**
     * The delimiter as the reader decides it: among comma, semicolon and tab, counted outside quotes on the first
     * few lines that hold anything, the one found on the header line as often as on each line after it; else the
     * most frequent on the header line (comma when there is none).
     */
    private static char delimiter(Reader in) throws IOException {
        java.util.List<int[]> lines = new java.util.ArrayList<>(SAMPLE_LINES);
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        boolean blank = true;
        for (int read = 0; read < HEADER_LIMIT && lines.size() < SAMPLE_LINES; read++) {
            int c = in.read();
            if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                if (!blank) {
                    lines.add(counts);
                }
                if (c < 0) {
                    break;
                }
                counts = new int[DELIMITERS.length];
                blank = true;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            int delimiter = indexOf((char) c);
            if (delimiter >= 0) {
                if (!quoted) {
                    counts[delimiter]++;
                }
            } else if (!Character.isWhitespace(c)) {
                blank = false;
            }
        }
        if (lines.isEmpty() && !blank) {
            lines.add(counts);
        }
        if (lines.isEmpty()) {
            return DELIMITERS[0];
        }
        int[] header = lines.get(0);
        int best = -1;
        for (int i = 0; i < DELIMITERS.length; i++) {
            int delimiter = i;
            boolean steady = lines.stream().allMatch(line -> line[delimiter] == header[delimiter]);
            if (header[i] > 0 && steady && (best < 0 || header[i] > header[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            return DELIMITERS[best];
        }
        best = 0;
        for (int i = 1; i < DELIMITERS.length; i++) {
            if (header[i] > header[best]) {
                best = i;
            }
        }
        return DELIMITERS[best];
    }

    private static int indexOf(char c) {
        for (int i = 0; i < DELIMITERS.length; i++) {
            if (DELIMITERS[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static Reader open(Path file, int bom, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(bom);
            return new BufferedReader(new InputStreamReader(in, charset), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** As the reader tells text: no NUL byte, and control characters (other than tab, line ends, form feed, escape) under 1%. */
    private static boolean looksLikeText(byte[] head) {
        int control = 0;
        for (byte value : head) {
            int b = value & 0xFF;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                control++;
            }
        }
        return control * 100 <= head.length;
    }
}
