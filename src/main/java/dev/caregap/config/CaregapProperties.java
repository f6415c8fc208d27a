package dev.caregap.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where caregap keeps things. Every folder defaults to one under the working directory, so the service
 * runs from a fresh checkout with no set-up.
 *
 * @param inbox   watched for exports
 * @param archive where read exports move to
 * @param failed  where rejected exports move to, each beside a &lt;file&gt;.error.txt
 * @param results result files: results/&lt;study&gt;/&lt;run&gt;/ and results/&lt;study&gt;/latest
 * @param studies the study definitions (*.yaml)
 */
@ConfigurationProperties(prefix = "caregap")
public record CaregapProperties(Path inbox, Path archive, Path failed, Path results, Path studies) {
}
