package dev.caregap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StartupFolders: the folders caregap reads must be there, the ones it writes are made, else one sentence names property and path. */
class StartupFailureFoldersTest {

    @TempDir
    Path home;

    private MockEnvironment usable() throws IOException {
        return new MockEnvironment()
                .withProperty("caregap.studies", Files.createDirectories(home.resolve("studies")).toString())
                .withProperty("caregap.routes", Files.createDirectories(home.resolve("routes")).toString())
                .withProperty("caregap.inbox", home.resolve("inbox").toString())
                .withProperty("caregap.archive", home.resolve("archive").toString())
                .withProperty("caregap.failed", home.resolve("failed").toString())
                .withProperty("caregap.results", home.resolve("results").toString());
    }

    @Test
    void usableFoldersPassAndTheWrittenOnesAreCreated() throws IOException {
        MockEnvironment settings = usable();

        assertThatCode(() -> StartupFolders.check(settings)).doesNotThrowAnyException();
        assertThat(home.resolve("inbox")).isDirectory();
        assertThat(home.resolve("archive")).isDirectory();
        assertThat(home.resolve("failed")).isDirectory();
        assertThat(home.resolve("results")).isDirectory();
    }

    @Test
    void aMissingRoutesFolderIsNamedWithItsPropertyAndPath() throws IOException {
        Path missing = home.resolve("no-routes");
        MockEnvironment settings = usable().withProperty("caregap.routes", missing.toString());

        assertThatThrownBy(() -> StartupFolders.check(settings))
                .isInstanceOf(StartupFolderException.class)
                .hasMessage("The routes folder " + missing + " (caregap.routes) does not exist.")
                .satisfies(e -> assertThat(((StartupFolderException) e).action()).contains("--caregap.routes=<folder>"));
    }

    @Test
    void aMissingStudiesFolderIsNamedWithItsPropertyAndPath() throws IOException {
        Path missing = home.resolve("no-studies");
        MockEnvironment settings = usable().withProperty("caregap.studies", missing.toString());

        assertThatThrownBy(() -> StartupFolders.check(settings))
                .isInstanceOf(StartupFolderException.class)
                .hasMessage("The studies folder " + missing + " (caregap.studies) does not exist.");
    }

    @Test
    void aFileWhereTheRoutesFolderShouldBeIsRejected() throws IOException {
        Path file = Files.writeString(home.resolve("routes.yaml"), "- route: {}\n");
        MockEnvironment settings = usable().withProperty("caregap.routes", file.toString());

        assertThatThrownBy(() -> StartupFolders.check(settings))
                .hasMessage("The routes folder " + file + " (caregap.routes) is a file, not a folder.");
    }

    @Test
    void anInboxThatCannotBeCreatedNamesWhatIsInTheWay() throws IOException {
        Path file = Files.writeString(home.resolve("a-file"), "not a folder");
        Path inbox = file.resolve("inbox");
        MockEnvironment settings = usable().withProperty("caregap.inbox", inbox.toString());

        assertThatThrownBy(() -> StartupFolders.check(settings))
                .isInstanceOf(StartupFolderException.class)
                .hasMessage("The inbox folder " + inbox + " (caregap.inbox) cannot be created: " + file + " is a file, not a folder.");
    }

    @Test
    void aResultsFolderThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(home.resolve("results"), "not a folder");
        MockEnvironment settings = usable().withProperty("caregap.results", file.toString());

        assertThatThrownBy(() -> StartupFolders.check(settings))
                .hasMessage("The results folder " + file + " (caregap.results) is a file, not a folder.");
    }

    @Test
    void anEmptySettingIsRejectedRatherThanReadAsTheWorkingDirectory() throws IOException {
        MockEnvironment settings = usable().withProperty("caregap.studies", " ");

        assertThatThrownBy(() -> StartupFolders.check(settings))
                .hasMessage("The studies folder is not set: caregap.studies is empty.");
    }

    @Test
    void aFolderThatIsNotSetIsNotChecked() {
        assertThatCode(() -> StartupFolders.check(new MockEnvironment())).doesNotThrowAnyException();
    }
}
