package dev.caregap.deliver;

import dev.caregap.results.ResultFiles;
import dev.caregap.run.RunReport;
import dev.caregap.store.RespondentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/** Delivers a run's result files to results/&lt;study&gt;/&lt;run&gt;/ and points latest at them. */
@Component
public class ResultDelivery {

    private static final Logger log = LoggerFactory.getLogger(ResultDelivery.class);

    private final ResultFiles files;
    private final RespondentStore respondents;

    public ResultDelivery(ResultFiles files, RespondentStore respondents) {
        this.files = files;
        this.respondents = respondents;
    }

    public Path writeFiles(RunReport report) {
        String study = report.study().id();
        Path folder = files.write(report, respondents.included(study, report.lastExport()),
                respondents.issues(study, report.lastExport()));
        log.info("Run {} results written to {}", report.runId(), folder);
        return folder;
    }
}
