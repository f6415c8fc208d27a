package dev.caregap.deliver;

import dev.caregap.config.CaregapProperties;
import dev.caregap.results.ResultFiles;
import dev.caregap.run.RunReport;
import dev.caregap.store.DataIssueStore;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.StudyLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The first deliverable of every run: its result files in results/&lt;study&gt;/&lt;run&gt;/ (all but responses.csv and
 * report.xlsx, which {@link ResponseFilesDelivery} adds), then {@code latest} pointed at them and old run folders
 * pruned, under the study's lock so instances move {@code latest} one at a time. Writing a run again replaces its
 * folder. The run's other deliverables wait for this one.
 */
@Component
@Order(1)
public class ResultFilesDelivery implements Deliverable {

    public static final String NAME = "result-files";
    static final String RECIPIENT = "results-folder";

    private static final Logger log = LoggerFactory.getLogger(ResultFilesDelivery.class);

    private final ResultFiles files;
    private final DataIssueStore issues;
    private final DeliveryStore deliveries;
    private final StudyLock studyLock;
    private final TransactionTemplate transaction;
    private final int retention;

    public ResultFilesDelivery(ResultFiles files, DataIssueStore issues, DeliveryStore deliveries,
                               StudyLock studyLock, PlatformTransactionManager transactions, CaregapProperties settings) {
        this.files = files;
        this.issues = issues;
        this.deliveries = deliveries;
        this.studyLock = studyLock;
        this.transaction = new TransactionTemplate(transactions);
        this.retention = settings.resultsRetention();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> recipients(String study) {
        return List.of(RECIPIENT);
    }

    @Override
    public String deliver(RunReport report, String recipient) {
        String study = report.study().id();
        log.info("Run {} of {}: writing result files", report.runId(), study);
        long start = System.nanoTime();
        // the run's own exports, not those up to its last: one read meanwhile with an older number is not in it
        Path folder = files.write(report, issues.issues(report.runId()));
        log.info("Run {} of {}: result files written in {} s", report.runId(), study,
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        transaction.executeWithoutResult(status -> {
            studyLock.lock(study);
            files.pointLatest(study, report.name());
            files.prune(study, retention);
        });
        // a run computed by a version that wrote all its files at once has no row for its response files yet
        if (!deliveries.has(report.runId(), ResponseFilesDelivery.NAME, RECIPIENT)) {
            deliveries.addOnce(report.runId(), ResponseFilesDelivery.NAME, RECIPIENT, Instant.now());
        }
        return folder.toString();
    }
}
