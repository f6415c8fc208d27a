package dev.caregap.results;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row copier against rows written out here, read in pieces of any size, so that rows, quoted line breaks and the
 * CR LF that ends a row fall across reads.
 */
class RowCopierTest {

    private static final byte[] LEADING = "\"wave 1.csv\",".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 300)
    void everyRowNotDroppedIsCopiedWholeAfterTheLeadingCellWhateverTheReadsAre(
            @ForAll("rows") List<List<String>> rows, @ForAll @IntRange(min = 1, max = 70_000) int mostRead,
            @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Set<Long> dropped = new HashSet<>();
        StringBuilder file = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        long kept = 0;
        for (int i = 0; i < rows.size(); i++) {
            long number = 2L * i + 1;
            String row = row(number, rows.get(i));
            file.append(row);
            if (random.nextInt(4) == 0) {
                dropped.add(number);
            } else {
                expected.append("\"wave 1.csv\",").append(row);
                kept++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long copied = new RowCopier(inPieces(file.toString(), mostRead, random), LEADING, dropped::contains, out).copy();
        assertThat(copied).isEqualTo(kept);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void aLastRowWithoutItsEndIsNotWhole() throws IOException {
        String file = row(1, List.of("a")) + "\"2\",\"b\"";
        assertThat(copy(file)).isEqualTo(-1);
        assertThat(copy(file + "\r")).isEqualTo(-1);
        assertThat(copy(file + "\r\n")).isEqualTo(2);
    }

    @Test
    void aRowWhoseFirstCellIsNoNumberIsNotWhole() throws IOException {
        assertThat(copy(row(1, List.of("a")) + "\"x\",\"b\"\r\n")).isEqualTo(-1);
        assertThat(copy("\"\",\"b\"\r\n")).isEqualTo(-1);
        assertThat(copy("\r\n")).isEqualTo(-1);
    }

    @Test
    void aLineBreakInsideAQuotedCellDoesNotEndTheRow() throws IOException {
        String file = row(1, List.of("one\r\ntwo", "x")) + row(2, List.of("\"\r\n\""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new RowCopier(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), LEADING, n -> n == 1, out)
                .copy()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\"wave 1.csv\"," + row(2, List.of("\"\r\n\"")));
    }

    private static long copy(String file) throws IOException {
        return new RowCopier(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), LEADING, n -> false,
                new ByteArrayOutputStream()).copy();
    }

    /** A row as responses.csv writes it: the row number first, every cell quoted, a quote doubled, CR LF at the end. */
    private static String row(long number, List<String> cells) {
        StringBuilder row = new StringBuilder("\"").append(number).append('"');
        for (String cell : cells) {
            row.append(",\"").append(cell.replace("\"", "\"\"")).append('"');
        }
        return row.append("\r\n").toString();
    }

    /** The text as a stream whose reads return between 1 and {@code mostRead} bytes. */
    private static InputStream inPieces(String text, int mostRead, Random random) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(mostRead)));
            }
        };
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab,\"\r\n é日").ofMaxLength(12),
                Arbitraries.strings().withChars("xyz").ofMinLength(500).ofMaxLength(3_000));
        return cell.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(0).ofMaxSize(60);
    }
}
