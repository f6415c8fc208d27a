package dev.caregap.read;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives by hand with java.util.zip's Deflater, so that a test can make, in a second, a workbook that
 * takes minutes and gigabytes to read: each piece of an entry is deflated once on its own (a full flush, no
 * reference to what came before) and its compressed bytes written as often as the piece repeats. An entry may also
 * declare another size than it holds, as a hostile file may.
 */
final class HandMadeZip implements Closeable {

    /** Bytes repeated {@code times} times in an entry. */
    record Piece(byte[] bytes, long times) {
        static Piece of(String text) {
            return new Piece(text.getBytes(StandardCharsets.UTF_8), 1);
        }

        static Piece repeated(String text, long times) {
            return new Piece(text.getBytes(StandardCharsets.UTF_8), times);
        }
    }

    private final OutputStream out;
    private final ByteArrayOutputStream directory = new ByteArrayOutputStream();
    private long offset;
    private int entries;

    HandMadeZip(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    void entry(String name, Piece... pieces) throws IOException {
        entry(name, -1, pieces);
    }

    /** An entry whose headers state {@code declaredSize} unpacked bytes (or the true size when negative). */
    void entry(String name, long declaredSize, Piece... pieces) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        long compressedSize = 2; // the final empty block
        byte[][] deflated = new byte[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            deflated[i] = deflate(pieces[i].bytes());
            for (long n = 0; n < pieces[i].times(); n++) {
                crc.update(pieces[i].bytes());
            }
            size += pieces[i].bytes().length * pieces[i].times();
            compressedSize += deflated[i].length * pieces[i].times();
        }
        long stated = declaredSize < 0 ? size : declaredSize;
        if (compressedSize > 0xFFFFFFFFL || stated > 0xFFFFFFFFL || offset > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("an entry past 4 GB needs Zip64, which this writer does not do");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        int32(local, 0x04034b50);
        header(local, crc.getValue(), compressedSize, stated, nameBytes.length);
        local.write(nameBytes);
        int32(directory, 0x02014b50);
        int16(directory, 20); // made by
        header(directory, crc.getValue(), compressedSize, stated, nameBytes.length);
        int16(directory, 0); // comment length
        int16(directory, 0); // disk
        int16(directory, 0); // internal attributes
        int32(directory, 0); // external attributes
        int32(directory, offset);
        directory.write(nameBytes);
        local.writeTo(out);
        for (int i = 0; i < pieces.length; i++) {
            for (long n = 0; n < pieces[i].times(); n++) {
                out.write(deflated[i]);
            }
        }
        out.write(new byte[]{3, 0}); // a final, empty, fixed-Huffman block
        offset += local.size() + compressedSize;
        entries++;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            directory.writeTo(out);
            int32(out, 0x06054b50);
            int16(out, 0);
            int16(out, 0);
            int16(out, entries);
            int16(out, entries);
            int32(out, directory.size());
            int32(out, offset);
            int16(out, 0);
        }
    }

    /** The fields local and central headers share, from "version needed" to "extra field length". */
    private static void header(OutputStream out, long crc, long compressedSize, long size, int nameLength) throws IOException {
        int16(out, 20); // version needed
        int16(out, 0x0800); // flags: UTF-8 names
        int16(out, 8); // deflated
        int16(out, 0); // time
        int16(out, 0x21); // date: 1980-01-01
        int32(out, crc);
        int32(out, compressedSize);
        int32(out, size);
        int16(out, nameLength);
        int16(out, 0); // extra field length
    }

    /** Raw deflate of the bytes alone, ended by a full flush so that its output can follow any other such output. */
    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void int16(OutputStream out, int value) {
        try {
            out.write(value & 0xFF);
            out.write((value >>> 8) & 0xFF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void int32(OutputStream out, long value) {
        int16(out, (int) (value & 0xFFFF));
        int16(out, (int) ((value >>> 16) & 0xFFFF));
    }
}
