package dev.caregap.it;

import dev.caregap.testing.PostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * The sample run on a real PostgreSQL, started by the test itself (and stopped with the JVM): the same
 * migrations and queries as on H2.
 */
class SampleRunPostgresIT extends SampleRunContract {

    private static final Path home = newHome();

    private static final PostgresServer postgres = new PostgresServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        folders(registry, home);
        postgres.start();
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl() + "&reWriteBatchedInserts=true");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Override
    Path home() {
        return home;
    }
}
