package dev.caregap.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/** The sample run on the embedded default database: an H2 file under the data folder. */
class SampleRunH2IT extends SampleRunContract {

    private static final Path home = newHome();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        folders(registry, home);
    }

    @Override
    Path home() {
        return home;
    }
}
