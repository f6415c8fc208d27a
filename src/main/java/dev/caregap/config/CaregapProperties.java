package dev.caregap.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where caregap keeps what the Java side reads and writes. Every folder defaults to one under the working
 * directory (application.yaml), so the service runs from a fresh checkout with no set-up. The inbox, archive
 * and failed folders are the routes' own: routes/intake.yaml reads them as {{caregap.inbox}} and so on.
 *
 * @param results result files: results/&lt;study&gt;/&lt;run&gt;/ and results/&lt;study&gt;/latest
 * @param studies the study definitions (*.yaml)
 */
@ConfigurationProperties(prefix = "caregap")
public record CaregapProperties(Path results, Path studies) {
}
