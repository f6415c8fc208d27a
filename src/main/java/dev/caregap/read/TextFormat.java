package dev.caregap.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a text export is written: its encoding, told by a byte-order mark or else by trying strict UTF-8 on the
 * whole file (Windows-1252 when that fails). Its delimiter is {@link Delimiter}'s to tell.
 *
 * @param charset    the encoding
 * @param bomLength  bytes of byte-order mark to skip
 * @param label      the encoding as people name it ("UTF-8 BOM", "Windows-1252" ...)
 */
record TextFormat(Charset charset, int bomLength, String label) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int CHUNK = 64 * 1024;

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
        FirstBytes.ByteOrderMark mark = FirstBytes.byteOrderMark(head, length);
        if (mark != null) {
            return new TextFormat(mark.charset(), mark.length(), mark.label());
        }
        if (!FirstBytes.looksLikeText(head, length)) {
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
