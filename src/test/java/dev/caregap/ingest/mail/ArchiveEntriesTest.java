package dev.caregap.ingest.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveEntriesTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path folder;

    @Test
    void exportsAreUnpackedAndEveryOtherEntryIsRefusedOnItsOwn() throws Exception {
        Path zip = zip(Map.of("wave-1/consumers.csv", bytes("a,b\n1,2\n"), "inner.zip", bytes("PK"),
                "../evil.csv", bytes("x"), "notes.docx", bytes("x")));
        List<ArchiveEntries.Entry> entries = new ArchiveEntries(MB, 10 * MB, 10).unpack(zip, "archive.zip", folder.resolve("out"));

        assertThat(entries).hasSize(4);
        ArchiveEntries.Entry consumers = entry(entries, "wave-1/consumers.csv");
        assertThat(consumers.refusal()).isNull();
        assertThat(consumers.file().getParent()).isEqualTo(folder.resolve("out"));
        assertThat(Files.readString(consumers.file())).isEqualTo("a,b\n1,2\n");
        assertThat(entry(entries, "inner.zip").refusal()).contains("archive inside an archive");
        assertThat(entry(entries, "../evil.csv").refusal()).contains("path traversal");
        assertThat(entry(entries, "notes.docx").refusal()).contains("not a survey export");
        try (Stream<Path> unpacked = Files.list(folder.resolve("out"))) {
            assertThat(unpacked).containsExactly(consumers.file());
        }
    }

    @Test
    void aZipBombIsRefusedByCountingWhatItInflatesTo() throws Exception {
        // 40 MB of zeros compress to about 40 KB: only inflating tells how much it holds
        Path zip = zip(Map.of("data.csv", new byte[40 * (int) MB]));
        assertThat(Files.size(zip)).isLessThan(MB);

        assertThatThrownBy(() -> new ArchiveEntries(100 * MB, 2 * MB, 10).unpack(zip, "archive.zip", folder.resolve("out")))
                .isInstanceOf(ArchiveEntries.Refused.class)
                .hasMessage("unpacked, it holds more than 2 MB (caregap.mail-drop.max-unzipped): a zip bomb is refused;"
                        + " nothing of it was read");
    }

    @Test
    void anEntryLargerThanAnAttachmentMayBeIsRefusedWhileTheOthersAreRead() throws Exception {
        Path zip = zip(Map.of("big.csv", new byte[3 * (int) MB], "small.csv", bytes("a,b\n")));
        List<ArchiveEntries.Entry> entries = new ArchiveEntries(MB, 10 * MB, 10).unpack(zip, "archive.zip", folder.resolve("out"));

        assertThat(entry(entries, "big.csv").refusal()).isEqualTo("unpacked, it is larger than 1 MB (caregap.mail-drop.max-attachment)");
        assertThat(entry(entries, "big.csv").file()).isNull();
        assertThat(entry(entries, "small.csv").file()).isRegularFile();
    }

    @Test
    void tooManyEntriesOrNoneAtAllRefuseTheArchive() throws Exception {
        Path many = zip(Map.of("1.csv", bytes("a"), "2.csv", bytes("b"), "3.csv", bytes("c")));
        assertThatThrownBy(() -> new ArchiveEntries(MB, MB, 2).unpack(many, "archive.zip", folder.resolve("many")))
                .hasMessage("it holds more than 2 files (caregap.mail-drop.max-entries)");
        Path empty = zip(Map.of("only-a-folder/", new byte[0]));
        assertThatThrownBy(() -> new ArchiveEntries(MB, MB, 2).unpack(empty, "archive.zip", folder.resolve("empty")))
                .hasMessage("the archive holds no files");
        Path notZip = Files.writeString(folder.resolve("fake.zip"), "just text");
        assertThatThrownBy(() -> new ArchiveEntries(MB, MB, 2).unpack(notZip, "archive.zip", folder.resolve("fake")))
                .isInstanceOf(ArchiveEntries.Refused.class);
    }

    @Test
    void aZipCutShortIsRefusedNamingTheArchiveAndTheEntryItBreaksOffInAndNothingOfItIsKept() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("first.csv", bytes("a,b\n1,2\n"));
        files.put("wave.csv", answers(20_000));
        Path whole = zip(files);
        // cut in the middle of wave.csv's deflated bytes, as a mail client or a full disk may leave it
        Path cut = Files.write(folder.resolve("cut.zip"), Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 2));

        assertThatThrownBy(() -> new ArchiveEntries(MB, 10 * MB, 10).unpack(cut, "wave 3.zip", folder.resolve("out")))
                .isInstanceOf(ArchiveEntries.Refused.class)
                .hasMessage("it is not a readable zip archive: wave 3.zip is damaged or cut short in its entry wave.csv"
                        + " (Unexpected end of ZLIB input stream); nothing of it was read");
        try (Stream<Path> unpacked = Files.list(folder.resolve("out"))) {
            assertThat(unpacked).as("first.csv, unpacked whole, is not kept either").isEmpty();
        }
    }

    @Test
    void aStagingFolderThatCannotBeWrittenIsNotTheArchivesFault() throws Exception {
        Path zip = zip(Map.of("wave.csv", bytes("a,b\n1,2\n")));
        Files.createDirectories(folder.resolve("out/1-wave.csv"));  // where the entry goes: it cannot be written

        assertThatThrownBy(() -> new ArchiveEntries(MB, 10 * MB, 10).unpack(zip, "archive.zip", folder.resolve("out")))
                .isInstanceOf(StagingFile.Failed.class)
                .hasMessageContaining("the staging folder cannot be used (" + folder.resolve("out/1-wave.csv") + ")");
    }

    /** Rows of answers that deflate to many kilobytes (digits of a fixed seed: the same archive at every run). */
    private static byte[] answers(int rows) {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("id,q1,q2,q3\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(random.nextInt(5) + 1).append(',').append(random.nextInt(5) + 1)
                    .append(',').append(random.nextInt(100)).append('\n');
        }
        return bytes(csv.toString());
    }

    private static ArchiveEntries.Entry entry(List<ArchiveEntries.Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path zip = Files.createTempFile(folder, "archive", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream stream = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                stream.putNextEntry(new ZipEntry(entry.getKey()));
                stream.write(entry.getValue());
                stream.closeEntry();
            }
        }
        return zip;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
