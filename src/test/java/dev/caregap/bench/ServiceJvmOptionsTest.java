package dev.caregap.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JVM options the benchmark starts the service with: it runs in a folder of its own. */
class ServiceJvmOptionsTest {

    @Test
    void anOptionsFileIsNamedByItsWholePathAndOtherOptionsPassAsGiven() {
        List<String> options = ServiceUnderBenchmark.jvmOptions(List.of("-Xmx512m", "@config/jvm.options", "-Dx=1"));

        assertThat(options).containsExactly("-Xmx512m", "@" + Path.of("config/jvm.options").toAbsolutePath(), "-Dx=1");
    }

    @Test
    void theDefaultOptionsNameTheServicesOwnFile() {
        assertThat(ServiceUnderBenchmark.JVM).contains("@config/jvm.options");
        assertThat(Path.of("config/jvm.options")).isRegularFile();
    }

    @Test
    void anOptionsFileThatIsNotThereStopsTheBenchmarkNamingIt(@TempDir Path folder) {
        Path missing = folder.resolve("no.options");
        assertThat(Files.exists(missing)).isFalse();

        assertThatThrownBy(() -> ServiceUnderBenchmark.jvmOptions(List.of("-Xmx512m", "@" + missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }
}
