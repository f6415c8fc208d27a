package dev.caregap.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What a file's first bytes tell: a byte-order mark, a zip archive (an .xlsx workbook is one), text or binary. The
 * reader and the inbox's checks ask the same questions of a file and must get the same answers.
 */
public final class FirstBytes {

    /** A byte-order mark: the encoding it names and the bytes it takes. */
    public enum ByteOrderMark {
        UTF_8(StandardCharsets.UTF_8, "UTF-8 BOM", 0xEF, 0xBB, 0xBF),
        UTF_16LE(StandardCharsets.UTF_16LE, "UTF-16LE BOM", 0xFF, 0xFE),
        UTF_16BE(StandardCharsets.UTF_16BE, "UTF-16BE BOM", 0xFE, 0xFF);

        private final Charset charset;
        private final String label;
        private final int[] bytes;

        ByteOrderMark(Charset charset, String label, int... bytes) {
            this.charset = charset;
            this.label = label;
            this.bytes = bytes;
        }

        public Charset charset() {
            return charset;
        }

        /** The encoding as people name it ("UTF-8 BOM" ...). */
        public String label() {
            return label;
        }

        /** Bytes to skip before the text. */
        public int length() {
            return bytes.length;
        }
    }

    private FirstBytes() {
    }

    /** The byte-order mark the bytes start with, or null. */
    public static ByteOrderMark byteOrderMark(byte[] head, int length) {
        for (ByteOrderMark mark : ByteOrderMark.values()) {
            if (startsWith(head, length, mark.bytes)) {
                return mark;
            }
        }
        return null;
    }

    /** A zip archive's first entry, or the end record of an empty one; .xlsx workbooks are zip archives. */
    public static boolean isZip(byte[] head, int length) {
        return length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
    }

    /** No NUL byte, and control characters (other than tab, line ends, form feed, escape) under 1%. */
    public static boolean looksLikeText(byte[] head, int length) {
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

    /** Whether the first {@code length} bytes of {@code head} start with these bytes (given as 0 to 255). */
    public static boolean startsWith(byte[] head, int length, int... bytes) {
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
}
