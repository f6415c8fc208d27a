package dev.caregap.ingest.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttachmentNameTest {

    @Test
    void surveyExportsAndZipArchivesAreAcceptedWhateverTheCaseOfTheirExtension() {
        assertThat(AttachmentName.of("Wave 1.CSV", false).kind()).isEqualTo(AttachmentName.Kind.EXPORT);
        assertThat(AttachmentName.of("wave.tsv", false).kind()).isEqualTo(AttachmentName.Kind.EXPORT);
        assertThat(AttachmentName.of("wave.txt", false).kind()).isEqualTo(AttachmentName.Kind.EXPORT);
        assertThat(AttachmentName.of("wave.xlsx", false).kind()).isEqualTo(AttachmentName.Kind.EXPORT);
        assertThat(AttachmentName.of("exports.zip", false).kind()).isEqualTo(AttachmentName.Kind.ARCHIVE);
        assertThat(AttachmentName.of("Wave 1.CSV", false).refused()).isFalse();
    }

    @Test
    void aPathOutOfTheFolderIsRefusedAsPathTraversal() {
        assertThat(AttachmentName.of("../../evil.csv", false).refusal()).contains("path traversal");
        assertThat(AttachmentName.of("..\\evil.csv", false).refusal()).contains("path traversal");
        assertThat(AttachmentName.of("/etc/evil.csv", false).refusal()).contains("path traversal");
        assertThat(AttachmentName.of("data/../../evil.csv", true).refusal()).contains("path traversal");
        assertThat(AttachmentName.of("/evil.csv", true).refusal()).contains("path traversal");
        assertThat(AttachmentName.of("C:\\evil.csv", true).refusal()).contains("path traversal");
    }

    @Test
    void hiddenFilesAndControlCharactersAreRefused() {
        assertThat(AttachmentName.of(".wave.csv", false).refusal()).isEqualTo("it is a hidden file");
        assertThat(AttachmentName.of("data/.wave.csv", true).refusal()).isEqualTo("it is a hidden file");
        assertThat(AttachmentName.of("__MACOSX/wave.csv", true).refusal()).isEqualTo("it is a hidden file");
        AttachmentName bell = AttachmentName.of("wave\u0007\n.csv", false);
        assertThat(bell.refusal()).isEqualTo("its name holds control characters");
        assertThat(bell.shown()).isEqualTo("wave\\u0007\\n.csv");
    }

    @Test
    void otherFilesAreRefusedSayingWhatCaregapReads() {
        assertThat(AttachmentName.of("minutes.pdf", false).refusal())
                .isEqualTo("it is not a survey export: caregap reads .csv, .tsv, .txt and .xlsx files, and .zip archives"
                        + " of those (this one is .pdf)");
        assertThat(AttachmentName.of("exports.tar.gz", false).refusal()).isEqualTo("it is a .gz archive; caregap opens .zip archives only");
        assertThat(AttachmentName.of(null, false).refusal()).isEqualTo("it has no name");
    }

    @Test
    void anArchiveInsideAnArchiveIsRefusedAndAFolderInsideOneIsFine() {
        assertThat(AttachmentName.of("inner.zip", true).kind()).isEqualTo(AttachmentName.Kind.NESTED_ARCHIVE);
        assertThat(AttachmentName.of("inner.zip", true).refusal()).contains("archive inside an archive");
        AttachmentName inFolder = AttachmentName.of("wave-1/consumers.csv", true);
        assertThat(inFolder.refused()).isFalse();
        assertThat(inFolder.fileName()).isEqualTo("consumers.csv");
    }
}
