package dev.caregap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config/jvm.options, the options file the service is started with ({@code java @config/jvm.options -jar ...} and
 * {@code ./mvnw spring-boot:run}): a JVM that refuses one of its options does not start at all.
 */
class JvmOptionsTest {

    private static final Path FILE = Path.of("config", "jvm.options");
    private static final Pattern XX = Pattern.compile("-XX:([+-]?)(\\w+)(?:=(\\S+))?");

    @Test
    void thisJvmStartsWithTheFileAndTakesEachOfItsOptionsAsWritten() throws Exception {
        List<String> options = options(FILE);
        assertThat(options).as("options in " + FILE).isNotEmpty();

        Run run = java("@" + FILE.toAbsolutePath(), "-XX:+PrintFlagsFinal", "-version");

        assertThat(run.exit()).as(run.output()).isZero();
        Map<String, String> finalFlags = run.flagsSetOnTheCommandLine();
        for (String option : options) {
            Matcher xx = XX.matcher(option);
            assertThat(xx.matches()).as("an -XX option: " + option).isTrue();
            String expected = xx.group(3) != null ? xx.group(3) : String.valueOf(!"-".equals(xx.group(1)));
            assertThat(finalFlags).as(option).containsEntry(xx.group(2), expected);
        }
    }

    @Test
    void anOptionTheJvmDoesNotKnowStopsItsStart(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("jvm.options");
        Files.writeString(file, "# a comment\n-XX:+UseParallelGC\n-XX:+NoSuchOptionInAnyJvm\n");

        Run run = java("@" + file, "-version");

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("NoSuchOptionInAnyJvm");
    }

    /** The file's options: each line without its comment (from #), blank lines left out. */
    private static List<String> options(Path file) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int comment = line.indexOf('#');
            String option = (comment < 0 ? line : line.substring(0, comment)).trim();
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }

    private static Run java(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int exit, String output) {

        /** -XX:+PrintFlagsFinal's lines of flags the command line set: name to value. */
        Map<String, String> flagsSetOnTheCommandLine() {
            Map<String, String> flags = new HashMap<>();
            Matcher line = Pattern.compile("(?m)^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+).*\\{command line}").matcher(output);
            while (line.find()) {
                flags.put(line.group(1), line.group(2));
            }
            return flags;
        }
    }
}
