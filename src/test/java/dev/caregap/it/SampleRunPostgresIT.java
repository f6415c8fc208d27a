package dev.caregap.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The sample run on a real PostgreSQL, started by the test itself (and stopped with the JVM): the same
 * migrations and queries as on H2.
 */
class SampleRunPostgresIT extends SampleRunContract {

    private static final Path home = newHome();

    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        folders(registry, home);
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Override
    Path home() {
        return home;
    }
}
