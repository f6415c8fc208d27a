package dev.caregap.read;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a text export is written: its encoding, told by a byte-order mark or else by trying strict UTF-8 on the
 * file's first bytes (Windows-1252 when that fails), and its delimiter, told by the first header line.
 *
 * @param charset    the encoding
 * @param bomLength  bytes of byte-order mark to skip
 * @param label      the encoding as people name it ("UTF-8 BOM", "Windows-1252" ...)
 */
record TextFormat(Charset charset, int bomLength, String label) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char[] DELIMITERS = {',', ';', '\t'};

    /**
     * The encoding of a file from its first bytes.
     *
     * @param head     the file's first bytes
     * @param length   how many of them were read
     * @param complete whether they are the whole file
     * @return the format, or null when the bytes are not text (NUL bytes, control characters)
     */
    static TextFormat detect(byte[] head, int length, boolean complete) {
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
        return isUtf8(head, length, complete) ? new TextFormat(StandardCharsets.UTF_8, 0, "UTF-8")
                : new TextFormat(WINDOWS_1252, 0, "Windows-1252");
    }

    /**
     * The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes
     * (comma when there is none). Reads the line from a reader that has been marked, and leaves it reset.
     */
    static char delimiter(Reader marked, int limit) throws IOException {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int read = 0; read < limit; read++) {
            int c = marked.read();
            if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int i = 0; i < DELIMITERS.length; i++) {
                    if (c == DELIMITERS[i]) {
                        counts[i]++;
                    }
                }
            }
        }
        marked.reset();
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return DELIMITERS[best];
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

    /** Strict UTF-8 over the sample; a multi-byte character cut by the sample's end does not count against it. */
    private static boolean isUtf8(byte[] head, int length, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(head, 0, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        if (decoder.decode(in, out, complete).isError()) {
            return false;
        }
        return !complete || !decoder.flush(out).isError();
    }
}
