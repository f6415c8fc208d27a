package dev.caregap.read;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The delimiter of a text export, told by its first lines. The reader and the inbox's checks decide it alike, so
 * that both follow the same cells.
 */
public final class Delimiter {

    private static final char[] DELIMITERS = {',', ';', '\t'};
    /** Lines that hold anything, header first, on which the delimiter is decided. */
    private static final int SAMPLE_LINES = 5;

    private Delimiter() {
    }

    /**
     * The delimiter: among comma, semicolon and tab, counted outside quotes on the first few lines that hold
     * anything (blank lines before the header are passed over), the one found on the header line as often as on
     * each line after it; when none is, the most frequent on the header line (comma when there is none). A header
     * whose question texts hold commas is thus still read by its semicolons. Reads from a reader that has been
     * marked with at least {@code limit}, and leaves it reset.
     */
    public static char decide(Reader marked, int limit) throws IOException {
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

    /** The delimiter as people name it: tab, or the character in quotes. */
    public static String label(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }
}
