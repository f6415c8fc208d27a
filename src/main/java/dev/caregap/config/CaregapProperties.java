package dev.caregap.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where caregap keeps what the Java side reads and writes, and how its workers share work. Every folder
 * defaults to one under the working directory (application.yaml), so the service runs from a fresh checkout
 * with no set-up. The inbox, archive and failed folders are the routes' own: routes/intake.yaml reads them
 * as {{caregap.inbox}} and so on.
 *
 * @param results          result files: results/&lt;study&gt;/&lt;run&gt;/ and results/&lt;study&gt;/latest
 * @param studies          the study definitions (*.yaml)
 * @param instance         this instance's name: in its log lines and in the rows it claims
 * @param work             leases and polling
 * @param runs             when a run starts after exports land
 * @param deliveries       retries of deliverables
 * @param resultsRetention run folders kept per study (besides the one latest points at)
 */
@ConfigurationProperties(prefix = "caregap")
public record CaregapProperties(Path results, Path studies, @DefaultValue("caregap") String instance,
                                @DefaultValue Work work, @DefaultValue Runs runs, @DefaultValue Deliveries deliveries,
                                @DefaultValue("20") int resultsRetention) {

    /**
     * @param lease how long claimed work stays an instance's without a heartbeat; renewed every third of it
     * @param poll  how often workers look for due work (a lost wake-up costs at most this)
     */
    public record Work(@DefaultValue("15s") Duration lease, @DefaultValue("1s") Duration poll) {
    }

    /**
     * Exports that land together make one run: it starts {@code quiet} after the last of them, but no later
     * than {@code cap} after the first, so a steady trickle still gets runs.
     *
     * @param attempts a run whose computing fails this often is failed for good
     */
    public record Runs(@DefaultValue("2s") Duration quiet, @DefaultValue("30s") Duration cap,
                       @DefaultValue("5") int attempts) {
    }

    /**
     * @param attempts   a deliverable failing this often is failed for good, with its reason
     * @param backoff    wait after the first failure; doubled after each further one
     * @param maxBackoff the longest wait between attempts
     */
    public record Deliveries(@DefaultValue("10") int attempts, @DefaultValue("1s") Duration backoff,
                             @DefaultValue("5m") Duration maxBackoff) {
    }
}
