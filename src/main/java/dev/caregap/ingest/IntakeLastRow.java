package dev.caregap.ingest;

import dev.caregap.read.Delimiter;
import dev.caregap.read.FirstBytes;
import dev.caregap.read.RecordFollower;

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
 * Rows are followed as the reader's CSV parser reads them ({@link RecordFollower}; CR LF is one line end), and the
 * delimiter is decided as the reader decides it ({@link Delimiter}), so row numbers are those the reader would give.
 */
final class IntakeLastRow {

    private static final int SAMPLE = 64 * 1024;
    private static final int HEADER_LIMIT = 1 << 20;

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
        if (head.length == 0 || FirstBytes.isZip(head, head.length)) {
            return null;
        }
        Charset charset;
        int bom;
        FirstBytes.ByteOrderMark mark = FirstBytes.byteOrderMark(head, head.length);
        if (mark != null) {
            // UTF-8 byte by byte: delimiters, quotes and line ends are ASCII in it
            charset = mark == FirstBytes.ByteOrderMark.UTF_8 ? StandardCharsets.ISO_8859_1 : mark.charset();
            bom = mark.length();
        } else if (FirstBytes.looksLikeText(head, head.length)) {
            charset = StandardCharsets.ISO_8859_1;  // UTF-8 or Windows-1252: the same for what is counted here
            bom = 0;
        } else {
            return null;  // binary: the reader says so
        }
        if (endsWithLineEnd(file, charset)) {
            return null;
        }
        try (BufferedReader in = open(file, bom, charset)) {
            in.mark(HEADER_LIMIT);
            char delimiter = Delimiter.decide(in, HEADER_LIMIT);
            return lastRow(in, delimiter, shownName);
        }
    }

    private static IngestOutcome lastRow(Reader in, char delimiter, String shownName) throws IOException {
        RecordFollower records = new RecordFollower(delimiter);
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
                RecordFollower.Kind kind = records.follow(c);
                if (kind == RecordFollower.Kind.LINE_END) {
                    if (headerRow == 0 && !blank) {
                        headerRow = row;
                        headerCells = cells;
                    }
                    row++;
                    cells = 1;
                    blank = true;
                    afterCarriageReturn = c == '\r';
                } else if (kind == RecordFollower.Kind.CELL_END) {
                    cells++;
                } else if (kind == RecordFollower.Kind.TEXT && !Character.isWhitespace(c)) {
                    blank = false;
                }
            }
        }
        if (records.quoteOpen() || blank || headerRow == 0 || cells >= headerCells) {
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

    private static BufferedReader open(Path file, int bom, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(bom);
            return new BufferedReader(new InputStreamReader(in, charset), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
