package dev.caregap.it;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/** The sample run on the embedded default database: an H2 file under the data folder. */
class SampleRunH2IT extends SampleRunContract {

    @TempDir
    static Path home;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        folders(registry, home);
    }

    @Override
    Path home() {
        return home;
    }
}
