package dev.caregap.ingest.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        List<ArchiveEntries.Entry> entries = new ArchiveEntries(MB, 10 * MB, 10).unpack(zip, folder.resolve("out"));

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

        assertThatThrownBy(() -> new ArchiveEntries(100 * MB, 2 * MB, 10).unpack(zip, folder.resolve("out")))
                .isInstanceOf(ArchiveEntries.Refused.class)
                .hasMessage("unpacked, it holds more than 2 MB (caregap.mail-drop.max-unzipped): a zip bomb is refused;"
                        + " nothing of it was read");
    }

    @Test
    void anEntryLargerThanAnAttachmentMayBeIsRefusedWhileTheOthersAreRead() throws Exception {
        Path zip = zip(Map.of("big.csv", new byte[3 * (int) MB], "small.csv", bytes("a,b\n")));
        List<ArchiveEntries.Entry> entries = new ArchiveEntries(MB, 10 * MB, 10).unpack(zip, folder.resolve("out"));

        assertThat(entry(entries, "big.csv").refusal()).isEqualTo("unpacked, it is larger than 1 MB (caregap.mail-drop.max-attachment)");
        assertThat(entry(entries, "big.csv").file()).isNull();
        assertThat(entry(entries, "small.csv").file()).isRegularFile();
    }

    @Test
    void tooManyEntriesOrNoneAtAllRefuseTheArchive() throws Exception {
        Path many = zip(Map.of("1.csv", bytes("a"), "2.csv", bytes("b"), "3.csv", bytes("c")));
        assertThatThrownBy(() -> new ArchiveEntries(MB, MB, 2).unpack(many, folder.resolve("many")))
                .hasMessage("it holds more than 2 files (caregap.mail-drop.max-entries)");
        Path empty = zip(Map.of("only-a-folder/", new byte[0]));
        assertThatThrownBy(() -> new ArchiveEntries(MB, MB, 2).unpack(empty, folder.resolve("empty")))
                .hasMessage("the archive holds no files");
        Path notZip = Files.writeString(folder.resolve("fake.zip"), "just text");
        assertThatThrownBy(() -> new ArchiveEntries(MB, MB, 2).unpack(notZip, folder.resolve("fake")))
                .isInstanceOf(ArchiveEntries.Refused.class);
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
