package dev.caregap.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged service, started as an operator starts it ({@code java -jar caregap.jar}), fails a start it
 * cannot make with exit code 1 and one sentence that names the cause, and no stack trace (that is at DEBUG).
 */
class StartupFailureIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(90);  // a few seconds alone; the build machine is shared
    private static final Duration STARTS_WITHIN = Duration.ofSeconds(120);

    /** A line of a printed stack trace: "\tat dev.caregap...", "Caused by: ...", "... 27 common frames omitted". */
    private static final Pattern STACK_TRACE_LINE = Pattern.compile("^\\s+at \\S|^Caused by: |^\\s*\\.\\.\\. \\d+ (common frames omitted|more)");
    /** An exception's class name, as a printed chain shows it: org.h2.jdbc.JdbcSQLNonTransientConnectionException. */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[A-Za-z0-9_$]+)+(Exception|Error)\\b");
    private static final Pattern CAMEL_STARTED = Pattern.compile("Apache Camel .* started|caregap .* ready");

    private static Path jar;

    @TempDir
    Path home;

    @BeforeAll
    static void thePackagedService() {
        String path = System.getProperty("caregap.jar");
        assertThat(path).as("system property caregap.jar (set by failsafe in the pom)").isNotBlank();
        jar = Path.of(path);
        assertThat(jar).as("the packaged service; run with mvn verify").isRegularFile();
    }

    @Test
    void aMissingRoutesFolderFailsWithOneSentenceNamingItsPath() throws Exception {
        Path routes = home.resolve("no-routes");

        Run run = start("routes", "--caregap.home=" + home, "--caregap.studies=" + PROJECT.resolve("studies"), "--caregap.routes=" + routes)
                .awaitExit();

        run.assertFailedWithOneSentence("The routes folder " + routes + " (caregap.routes) does not exist.");
    }

    @Test
    void aMissingStudiesFolderFailsWithOneSentenceNamingItsPath() throws Exception {
        Path studies = home.resolve("no-studies");

        Run run = start("studies", "--caregap.home=" + home, "--caregap.studies=" + studies, "--caregap.routes=" + PROJECT.resolve("routes"))
                .awaitExit();

        run.assertFailedWithOneSentence("The studies folder " + studies + " (caregap.studies) does not exist.");
    }

    @Test
    void aWrongStakeholderEntryFailsWithOneSentenceNamingTheFileTheEntryAndTheFault() throws Exception {
        Path stakeholders = Files.writeString(home.resolve("stakeholders.yaml"), """
                stakeholders:
                  - name: Australia team
                    address: au-team@localhost
                    studies: [care-gap]
                    filter: {country: Atlantis}
                """);

        Run run = start("stakeholders", "--caregap.home=" + home, "--caregap.studies=" + PROJECT.resolve("studies"),
                "--caregap.routes=" + PROJECT.resolve("routes"), "--caregap.stakeholders=" + stakeholders,
                "--caregap.mail.embedded=false").awaitExit();

        run.assertFailedWithOneSentence("The stakeholders file " + stakeholders + ", entry 1 (Australia team): unknown country"
                + " 'Atlantis' in study care-gap (known: United States, United Kingdom, Australia, or an alias of one).");
    }

    @Test
    void aSecondInstanceOnTheSameH2FileFailsWithOneSentenceSayingItIsAlreadyInUse() throws Exception {
        String[] arguments = {"--caregap.home=" + home, "--caregap.studies=" + PROJECT.resolve("studies"),
                "--caregap.routes=" + PROJECT.resolve("routes")};
        Run first = start("first", arguments);
        try {
            first.awaitLog(CAMEL_STARTED);

            Run second = start("second", arguments).awaitExit();

            second.assertFailedWithOneSentence("The database file " + home.resolve("data/caregap.mv.db")
                    + " is already in use by another caregap instance.");
            assertThat(first.process.isAlive()).as("the first instance runs on").isTrue();
        } finally {
            first.stop();
        }
    }

    @Test
    void theStackTraceIsStillThereWithDebug() throws Exception {
        Path routes = home.resolve("no-routes");

        Run run = start("debug", "--caregap.home=" + home, "--caregap.studies=" + PROJECT.resolve("studies"), "--caregap.routes=" + routes,
                "--debug").awaitExit();

        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isEqualTo(1);
        assertThat(run.lines()).as("output").anyMatch(line -> STACK_TRACE_LINE.matcher(line).find());
        assertThat(run.output()).contains("dev.caregap.config.StartupFolderException: The routes folder " + routes);
    }

    private Run start(String name, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()));
        command.add("--management.server.port=0");  // tests share the machine: any free management port
        command.addAll(List.of(arguments));
        Path log = home.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Run(process, log);
    }

    private record Run(Process process, Path log) {

        Run awaitExit() throws InterruptedException {
            if (!process.waitFor(FAILS_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                stop();
                fail("still running after %s; output:%n%s", FAILS_WITHIN, output());
            }
            return this;
        }

        void awaitLog(Pattern line) throws InterruptedException {
            Instant deadline = Instant.now().plus(STARTS_WITHIN);
            while (Instant.now().isBefore(deadline)) {
                if (lines().stream().anyMatch(l -> line.matcher(l).find())) {
                    return;
                }
                if (!process.isAlive()) {
                    fail("the first instance stopped (exit code %d); output:%n%s", process.exitValue(), output());
                }
                Thread.sleep(200);
            }
            fail("no line %s within %s; output:%n%s", line, STARTS_WITHIN, output());
        }

        void stop() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        List<String> lines() {
            return output().lines().toList();
        }

        /**
         * Exit code 1; under "Description:" exactly one line, the expected sentence; an "Action:"; and nowhere a
         * stack trace line or an exception's class name (the cause chain Spring and Camel print by default).
         */
        void assertFailedWithOneSentence(String description) {
            String output = output();
            assertThat(exitCode()).as("exit code; output:%n%s", output).isEqualTo(1);
            assertThat(section("Description:")).as("the description; output:%n%s", output).containsExactly(description);
            assertThat(section("Action:")).as("what to do; output:%n%s", output).hasSize(1);
            assertThat(lines()).as("no stack trace lines in:%n%s", output).noneMatch(line -> STACK_TRACE_LINE.matcher(line).find());
            assertThat(lines()).as("no exception class names in:%n%s", output).noneMatch(line -> EXCEPTION_CLASS.matcher(line).find());
        }

        /** The non-blank lines after a heading of the failure report, up to the next heading or the end. */
        private List<String> section(String heading) {
            List<String> lines = lines();
            int at = lines.indexOf(heading);
            if (at < 0) {
                return List.of();
            }
            List<String> section = new ArrayList<>();
            for (String line : lines.subList(at + 1, lines.size())) {
                if (line.endsWith(":") && !line.contains(" ") || line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                    break;
                }
                if (!line.isBlank()) {
                    section.add(line);
                }
            }
            return section;
        }
    }
}
