package dev.caregap.deliver;

import dev.caregap.results.ResultFiles;
import dev.caregap.run.RunReport;
import dev.caregap.store.ResponseRowStore;
import dev.caregap.store.StudyLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The response files of every run: responses.csv and report.xlsx (its Responses sheet read back from
 * responses.csv) added to the run's folder once its other result files are there ({@link ResultFilesDelivery}).
 * They grow with the respondents (seconds at a million), so the figures do not wait for them; they come after the
 * run's e-mails, which do not need them. {@code latest} is pointed at the run again, under the study's lock: where
 * it is a copy, not a link, the copy gets the new files too.
 */
@Component
@Order(3)
public class ResponseFilesDelivery implements Deliverable {

    public static final String NAME = "response-files";

    private static final Logger log = LoggerFactory.getLogger(ResponseFilesDelivery.class);

    private final ResultFiles files;
    private final ResponseRowStore responseRows;
    private final StudyLock studyLock;
    private final TransactionTemplate transaction;

    public ResponseFilesDelivery(ResultFiles files, ResponseRowStore responseRows, StudyLock studyLock,
                                 PlatformTransactionManager transactions) {
        this.files = files;
        this.responseRows = responseRows;
        this.studyLock = studyLock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> recipients(String study) {
        return List.of(ResultFilesDelivery.RECIPIENT);
    }

    @Override
    public String deliver(RunReport report, String recipient) {
        String study = report.study().id();
        long start = System.nanoTime();
        // the run's own exports, as its figures and its other files have them
        Optional<Path> folder = files.addResponses(report, responseRows.ofRun(report.runId()));
        if (folder.isEmpty()) {
            // removed as one of the older runs while this waited: nothing to add them to
            log.info("Run {} of {}: its folder was removed, responses.csv and report.xlsx are not written", report.runId(), study);
            return "not written: the folder of " + report.name() + " was removed";
        }
        log.info("Run {} of {}: responses.csv and report.xlsx written in {} s", report.runId(), study,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        transaction.executeWithoutResult(status -> {
            studyLock.lock(study);
            files.pointLatest(study, report.name());
        });
        return folder.get().toString();
    }
}
