package dev.caregap.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text export is written: its encoding, told by a byte-order mark or else by trying strict UTF-8 on the
 * whole file (Windows-1252 when that fails), and its delimiter, told by the first lines.
 *
 * @param charset    the encoding
 * @param bomLength  bytes of byte-order mark to skip
 * @param label      the encoding as people name it ("UTF-8 BOM", "Windows-1252" ...)
 */
record TextFormat(Charset charset, int bomLength, String label) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char[] DELIMITERS = {',', ';', '\t'};
    private static final int CHUNK = 64 * 1024;
    /** Lines that hold anything, header first, on which the delimiter is decided. */
    private static final int SAMPLE_LINES = 5;

    /**
     * The encoding of a file: a byte-order mark tells it; else UTF-8 when the whole file is strict UTF-8 (checked
     * in one streaming pass, so that a Windows-1252 character far down the file is not read as garbage), else
     * Windows-1252.
     *
     * @param file     the file
     * @param head     the file's first bytes
     * @param length   how many of them were read
     * @param complete whether they are the whole file
     * @return the format, or null when the first bytes are not text (NUL bytes, control characters)
     */
    static TextFormat detect(Path file, byte[] head, int length, boolean complete) throws IOException {
        if (startsWith(head, length, 0xEF, 0xBB, 0xBF)) {
            return new TextFormat(StandardCharsets.UTF_8, 3, "UTF-8 BOM");
        }
        if (startsWith(head, length, 0xFF, 0xFE)) {
            return new TextFormat(StandardCharsets.UTF_16LE, 2, "UTF-16LE BOM");
        }
        if (startsWith(head, length, 0xFE, 0xFF)) {
            return new TextFormat(StandardCharsets.UTF_16BE, 2, "UTF-16BE BOM");
        }
        if (!looksLikeText(head, length)) {
            return null;
        }
        boolean utf8;
        if (complete) {
            utf8 = isUtf8(new ByteArrayInputStream(head, 0, length));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                utf8 = isUtf8(in);
            }
        }
        return utf8 ? new TextFormat(StandardCharsets.UTF_8, 0, "UTF-8") : new TextFormat(WINDOWS_1252, 0, "Windows-1252");
    }

    /**
     * The delimiter: among comma, semicolon and tab, counted outside quotes on the first few lines that hold
     * anything (blank lines before the header are passed over), the one found on the header line as often as on
     * each line after it; when none is, the most frequent on the header line (comma when there is none). A header
     * whose question texts hold commas is thus still read by its semicolons. Reads from a reader that has been
     * marked with at least {@code limit}, and leaves it reset.
     */
    static char delimiter(Reader marked, int limit) throws IOException {
        List<int[]> lines = new ArrayList<>(SAMPLE_LINES);
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        boolean blank = true;
        for (int read = 0; read < limit && lines.size() < SAMPLE_LINES; read++) {
            int c = marked.read();
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
            lines.add(counts); // a header line longer than the limit
        }
        marked.reset();
        if (lines.isEmpty()) {
            return DELIMITERS[0];
        }
        int[] header = lines.get(0);
        int best = -1;
        for (int i = 0; i < DELIMITERS.length; i++) {
            if (header[i] > 0 && sameOnEveryLine(lines, i) && (best < 0 || header[i] > header[best])) {
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

    private static boolean sameOnEveryLine(List<int[]> lines, int delimiter) {
        for (int[] line : lines) {
            if (line[delimiter] != lines.get(0)[delimiter]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(char c) {
        for (int i = 0; i < DELIMITERS.length; i++) {
            if (DELIMITERS[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static String delimiterLabel(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    private static boolean startsWith(byte[] head, int length, int... bytes) {
        if (length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** No NUL byte, and control characters (other than tab, line ends, form feed, escape) under 1%. */
    private static boolean looksLikeText(byte[] head, int length) {
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                control++;
            }
        }
        return control * 100 <= length;
    }

    /**
     * Whether the bytes are strict UTF-8 from first to last, read in chunks in constant memory; a character split
     * by a chunk's end is carried over to the next.
     */
    private static boolean isUtf8(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        boolean end = false;
        while (!end) {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                end = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
            CoderResult result;
            do {
                chars.clear();
                result = decoder.decode(bytes, chars, end);
                if (result.isError()) {
                    return false;
                }
            } while (result.isOverflow());
            bytes.compact();
        }
        chars.clear();
        return !decoder.flush(chars).isError();
    }
}
