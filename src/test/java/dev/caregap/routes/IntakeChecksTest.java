package dev.caregap.routes;

import dev.caregap.ingest.InboxChecks;
import dev.caregap.ingest.InboxFolders;
import dev.caregap.ingest.InboxLockKey;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.ingest.IntakeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the intake refuses before a file is read (the beans the intake route calls, alone): an export whose last row
 * is cut short, a name too long to keep, a link; where failed files go and under which names; the read lock's key;
 * how names are shown.
 */
class IntakeChecksTest {

    @TempDir
    Path folder;

    private final InboxChecks checks = new InboxChecks(false);

    @Test
    void aQualtricsExportCutInTheMiddleOfARowIsRefusedWithThatRow() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sample-input/qualtrics-consumers.csv"));
        String whole = String.join("\r\n", lines.subList(0, 12)) + "\r\n";
        IngestOutcome refused = refusal("q.csv", whole + lines.get(12).substring(0, 80));
        assertThat(refused.rejected()).isTrue();
        assertThat(refused.reason()).isEqualTo("The file ends in the middle of row 13: it may still have been being written.");
        assertThat(refused.details()).startsWith("file q.csv, row 13: ").contains("cells of the header (row 1)")
                .contains("no line end").contains("q.csv.part");
        assertThat(refused.summary()).startsWith("q.csv refused: The file ends in the middle of row 13");

        assertThat(refusal("q.csv", whole)).as("whole, with its line end").isNull();
        assertThat(refusal("q.csv", whole.stripTrailing())).as("whole, its last row as wide as the header").isNull();
        assertThat(refusal("q.csv", String.join("\r\n", lines.subList(0, 3)))).as("header only").isNull();
    }

    @Test
    void aCutRightAfterADelimiterOrAQuotedLineBreakIsCounted() throws IOException {
        String header = "respondent_id,C_CARE,C_AGE,C_COUNTRY,note\n";
        assertThat(refusal("t.csv", header + "R1,Agree,34,US,x\nR2,Agree,").reason()).contains("row 3");
        assertThat(refusal("t.csv", header + "R1,Agree,34,US,\"two\nlines\"")).as("a quoted line break is not a row end").isNull();
        assertThat(refusal("t.csv", header + "R1,Agree,\"a \"\"quoted\"\"\nnote\",US")).isNotNull()
                .extracting(IngestOutcome::reason).asString().contains("row 2");
        assertThat(refusal("t.csv", header + "R1,\"Agree, mostly")).as("inside a quoted field: the reader says so").isNull();
        assertThat(refusal("t.csv", "\n\n" + header + "\n" + "R1,Agree")).as("blank rows counted as the reader counts them")
                .extracting(IngestOutcome::reason).asString().contains("row 5");
    }

    @Test
    void theDelimiterAndTheEncodingAreThoseTheReaderFinds() throws IOException {
        String semicolons = "\"Id, the respondent's\";C_CARE;C_AGE\r\nR1;Agree;34\r\nR2;Agree";
        assertThat(refusal("s.csv", semicolons)).isNotNull().extracting(IngestOutcome::reason).asString().contains("row 3");
        assertThat(refusal("s.csv", semicolons + ";40")).isNull();

        byte[] utf16 = ("\uFEFFrespondent_id\tC_CARE\tC_AGE\r\nR1\tAgree\t34\r\nR2\tAgr").getBytes(StandardCharsets.UTF_16LE);
        assertThat(checks.refusal(write("u.csv", utf16).toString(), "u.csv")).isNotNull()
                .extracting(IngestOutcome::reason).asString().contains("row 3");
        byte[] whole16 = ("\uFEFFrespondent_id\tC_CARE\r\nR1\tAgree\r\n").getBytes(StandardCharsets.UTF_16LE);
        assertThat(checks.refusal(write("w.csv", whole16).toString(), "w.csv")).isNull();
    }

    @Test
    void workbooksBinaryAndEmptyFilesAreLeftToTheReader() throws IOException {
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        assertThat(checks.refusal(write("photo.jpg", binary).toString(), "photo.jpg")).isNull();
        assertThat(checks.refusal(write("book.xlsx", new byte[] {'P', 'K', 3, 4, 1, 2}).toString(), "book.xlsx")).isNull();
        assertThat(checks.refusal(write("empty.csv", new byte[0]).toString(), "empty.csv")).isNull();
    }

    @Test
    void aNameLongerThan235BytesIsRefused() throws IOException {
        String longest = "n".repeat(231) + ".csv";
        assertThat(refusal(longest, "a,b\n1,2\n")).isNull();
        String tooLong = "n".repeat(232) + ".csv";
        IngestOutcome refused = refusal(tooLong, "a,b\n1,2\n");
        assertThat(refused.reason()).startsWith("The file name is 236 bytes long; caregap keeps names of up to 235 bytes");
    }

    @Test
    void aLinkIsRefusedUnlessLinksAreFollowed() throws IOException {
        Path target = write("target.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(folder.resolve("link.csv"), target);
        assertThat(checks.refusal(link.toString(), "link.csv").reason()).startsWith("The file is a symbolic link (to " + target + ")");
        assertThat(new InboxChecks(true).refusal(link.toString(), "link.csv")).isNull();
    }

    @Test
    void onlyAFileNoLongerThereIsGoneNotALinkToNothing() throws IOException {
        Path here = write("here.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        Path dangling = Files.createSymbolicLink(folder.resolve("dangling.csv"), folder.resolve("nowhere.csv"));
        assertThat(checks.gone(folder.resolve("taken.csv").toString(), "taken.csv")).isTrue();
        assertThat(checks.gone(here.toString(), "here.csv")).isFalse();
        assertThat(checks.gone(dangling.toString(), "dangling.csv")).as("refused as a link").isFalse();
    }

    @Test
    void failedFilesOfOneNameNeverOverwriteEachOtherAndLongNamesAreShortenedUniquely() throws IOException {
        InboxFolders folders = new InboxFolders(folder.resolve("archive"), folder.resolve("failed"));
        Path first = Path.of(folders.failed("bad.csv", "first reason"));
        Path second = Path.of(folders.failed("bad.csv", "second reason"));
        assertThat(first).isNotEqualTo(second);
        assertThat(first.getParent().getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(first.getFileName().toString()).matches("\\d{6}-bad\\.csv");
        assertThat(second.getFileName().toString()).matches("\\d{6}(\\.2)?-bad\\.csv");
        assertThat(IntakeBeans.reason(first)).hasContent("first reason");
        assertThat(IntakeBeans.reason(second)).hasContent("second reason");

        String a = "x".repeat(300) + "-wave-1.csv";
        String b = "x".repeat(300) + "-wave-2.csv";
        Path shortA = Path.of(folders.failed(a, "a"));
        Path shortB = Path.of(folders.failed(b, "b"));
        assertThat(shortA.getFileName().toString()).isNotEqualTo(shortB.getFileName().toString()).endsWith(".csv");
        assertThat(IntakeBeans.reason(shortA).getFileName().toString().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);

        String archived = folders.archived("wave-1.csv");
        assertThat(Path.of(archived).getFileName().toString()).matches("\\d{6}-wave-1\\.csv");
        Files.createDirectories(Path.of(archived).getParent());
        Files.writeString(Path.of(archived), "taken");
        assertThat(Path.of(folders.archived("wave-1.csv")).getFileName().toString()).matches("\\d{6}\\.2-wave-1\\.csv");
    }

    @Test
    void aPathTooLongForTheLockKeyColumnGetsAShortUniqueKey() {
        InboxLockKey keys = new InboxLockKey();
        assertThat(keys.of("/srv/caregap/inbox/wave-1.csv")).isEqualTo("/srv/caregap/inbox/wave-1.csv");
        String deep = "/srv/" + "d".repeat(1200) + "/inbox/";
        String one = keys.of(deep + "wave-1.csv");
        String two = keys.of(deep + "wave-2.csv");
        assertThat(one).hasSizeLessThanOrEqualTo(1000).startsWith("/srv/ddd").isNotEqualTo(two).isEqualTo(keys.of(deep + "wave-1.csv"));
    }

    @Test
    void namesAreShownWithControlCharactersEscaped() {
        assertThat(IntakeText.shown("wave\n1\r\t\u0007\u001b\u2028\u202e.csv")).isEqualTo("wave\\n1\\r\\t\\u0007\\u001b\\u2028\\u202e.csv");
        assertThat(IntakeText.shown("Übersicht wave-1.csv")).isEqualTo("Übersicht wave-1.csv");
        assertThat(IntakeText.shown(IntakeText.shown("a\nb"))).isEqualTo("a\\nb");
        IngestOutcome outcome = IngestOutcome.refused("a\nb.csv", "why\nnot", "row\u00071");
        assertThat(outcome.summary()).isEqualTo("a\\nb.csv refused: why\\nnot");
        assertThat(outcome.errorText()).startsWith("caregap could not use a\\nb.csv: why\\nnot").contains("row\\u00071");
    }

    private IngestOutcome refusal(String name, String content) throws IOException {
        Path file = write(name, content.getBytes(StandardCharsets.UTF_8));
        return checks.refusal(file.toString(), name);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(folder.resolve(name), content);
    }
}
