package dev.caregap.config;

import dev.caregap.study.StudyDefinitionException;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.mock.env.MockEnvironment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The start-up failures an operator can fix become one sentence naming the cause, whatever wraps them; real
 * driver exceptions where a test can provoke them. Anything else is one sentence with the root cause's message.
 */
class StartupFailureAnalyzerTest {

    @TempDir
    Path home;

    private final MockEnvironment settings = new MockEnvironment();
    private final StartupFailureAnalyzer analyzer = new StartupFailureAnalyzer(settings);

    /** As Spring wraps a failure in a bean's construction, several layers deep. */
    private static Throwable wrapped(Throwable cause) {
        return new BeanCreationException("resultDelivery", "Unsatisfied dependency",
                new BeanCreationException("flywayInitializer", "Unable to obtain connection from database: " + cause.getMessage(), cause));
    }

    @Test
    void aFolderRejectedAtStartUpIsTheDescriptionWithItsAction() {
        StartupFolderException folder = new StartupFolderException("The routes folder /x/routes (caregap.routes) does not exist.",
                "Create it.");

        FailureAnalysis analysis = analyzer.analyze(folder);

        assertThat(analysis.getDescription()).isEqualTo("The routes folder /x/routes (caregap.routes) does not exist.");
        assertThat(analysis.getAction()).isEqualTo("Create it.");
        assertThat(analysis.getCause()).isSameAs(folder);
    }

    @Test
    void aWrongStudyDefinitionIsDescribedByTheMessageThatNamesTheFile() {
        settings.setProperty("caregap.studies", "/srv/caregap/studies");
        Throwable study = catchThrowable(() -> StudyDefinitions.read(
                new ByteArrayInputStream("id: broken\n".getBytes(StandardCharsets.UTF_8)), "broken.yaml"));
        assertThat(study).isInstanceOf(StudyDefinitionException.class);

        FailureAnalysis analysis = analyzer.analyze(wrapped(study));

        assertThat(analysis.getDescription()).isEqualTo(StartupFailureAnalyzer.sentence(study.getMessage())).contains("broken.yaml");
        assertThat(analysis.getAction()).contains("/srv/caregap/studies").contains("caregap.studies");
    }

    @Test
    void anH2DatabaseFileHeldByAnotherProcessIsAlreadyInUse() throws Exception {
        String url = "jdbc:h2:file:" + home.resolve("data/caregap");
        DriverManager.getConnection(url, "sa", "").close();
        Path file = home.resolve("data/caregap.mv.db");
        SQLException inUse;
        // another process's lock on the file, as a running instance holds it
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            inUse = (SQLException) catchThrowable(() -> DriverManager.getConnection(url, "sa", "").close());
        }
        assertThat((Throwable) inUse).as("H2 refuses a locked file").isNotNull();
        settings.setProperty("spring.datasource.url", url);

        FailureAnalysis analysis = analyzer.analyze(wrapped(inUse));

        assertThat(analysis.getDescription()).isEqualTo("The database file " + file + " is already in use by another caregap instance.");
        assertThat(analysis.getAction()).contains("Stop the other instance").contains("PostgreSQL");
    }

    @Test
    void aRefusedConnectionNamesTheDatabaseUrlWithoutItsPassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/caregap?user=caregap&password=s3cret";
        Throwable refused = catchThrowable(() -> DriverManager.getConnection(url));
        assertThat(refused).isInstanceOf(SQLException.class);
        settings.setProperty("spring.datasource.url", url);

        FailureAnalysis analysis = analyzer.analyze(wrapped(refused));

        assertThat(analysis.getDescription())
                .isEqualTo("The database jdbc:postgresql://localhost:" + closedPort + "/caregap?user=caregap&password=*** "
                        + "cannot be reached: the connection was refused.")
                .doesNotContain("s3cret");
        assertThat(analysis.getAction()).contains("spring.datasource.url");
    }

    @Test
    void aWrongPasswordNamesTheDatabaseAndTheUser() throws SQLException {
        String url = "jdbc:h2:file:" + home.resolve("data/caregap");
        try (Connection owner = DriverManager.getConnection(url, "sa", "right")) {
            Throwable refused = catchThrowable(() -> DriverManager.getConnection(url, "sa", "wrong"));
            assertThat(refused).isInstanceOf(SQLException.class);
            settings.withProperty("spring.datasource.url", url).withProperty("spring.datasource.username", "sa");

            FailureAnalysis analysis = analyzer.analyze(wrapped(refused));

            assertThat(analysis.getDescription()).startsWith("The database " + url + " refused the login of user 'sa': Wrong user name or password");
            assertThat(analysis.getAction()).isEqualTo("Correct spring.datasource.username and spring.datasource.password.");
        }
    }

    @Test
    void anUnknownDatabaseHostIsNamed() {
        String url = "jdbc:postgresql://no-such-host.invalid:5432/caregap";
        Throwable unknown = catchThrowable(() -> DriverManager.getConnection(url, "caregap", "x"));
        settings.setProperty("spring.datasource.url", url);

        FailureAnalysis analysis = analyzer.analyze(wrapped(unknown));

        assertThat(analysis.getDescription()).isEqualTo("The database " + url + " cannot be reached: its host no-such-host.invalid is unknown.");
    }

    @Test
    void aMissingRoutesFolderReportedByCamelIsNamedWithItsProperty() {
        settings.setProperty("caregap.routes", "/srv/caregap/routes");
        Throwable camel = new IllegalStateException("org.apache.camel.RuntimeCamelException: java.nio.file.NoSuchFileException: /srv/caregap/routes",
                new RuntimeException(new NoSuchFileException("/srv/caregap/routes")));

        FailureAnalysis analysis = analyzer.analyze(camel);

        assertThat(analysis.getDescription()).isEqualTo("The routes folder /srv/caregap/routes (caregap.routes) does not exist.");
    }

    @Test
    void anUnknownFailureIsLeftToTheFallback() {
        assertThat(analyzer.analyze(wrapped(new IllegalStateException("The moon is made of cheese")))).isNull();
    }

    @Test
    void theFallbackIsOneSentenceWithTheRootCausesFirstLine() {
        StartupFallbackFailureAnalyzer fallback = new StartupFallbackFailureAnalyzer(null, settings);

        FailureAnalysis analysis = fallback.analyze(wrapped(new IllegalStateException("The moon is made of cheese\nSQL State: 42\nmore")));

        assertThat(analysis.getDescription()).isEqualTo("caregap could not start: The moon is made of cheese.");
        assertThat(analysis.getAction()).contains("--debug");
    }

    @Test
    void theFallbackLetsSpringBootsOwnAnalyzersExplainWhatTheyKnow() {
        StartupFallbackFailureAnalyzer fallback = new StartupFallbackFailureAnalyzer(null, settings);

        FailureAnalysis analysis = fallback.analyze(new PortInUseException(8080));

        assertThat(analysis.getDescription()).contains("Port 8080 was already in use");
    }

    @Test
    void passwordsAreMaskedInEveryUrlForm() {
        assertThat(StartupFailureAnalyzer.withoutPassword("jdbc:postgresql://db:5432/caregap?password=a&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/caregap?password=***&ssl=true");
        assertThat(StartupFailureAnalyzer.withoutPassword("jdbc:h2:tcp://db/caregap;USER=sa;PASSWORD=a;MODE=x"))
                .isEqualTo("jdbc:h2:tcp://db/caregap;USER=sa;PASSWORD=***;MODE=x");
        assertThat(StartupFailureAnalyzer.withoutPassword("jdbc:postgresql://caregap:a@db:5432/caregap"))
                .isEqualTo("jdbc:postgresql://caregap:***@db:5432/caregap");
    }
}
