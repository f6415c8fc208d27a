package dev.caregap.run;

import dev.caregap.config.Studies;
import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.ingest.IngestOutcome;
import dev.caregap.quality.ExportQuality;
import dev.caregap.store.ExportStore;
import dev.caregap.store.RespondentStore;
import dev.caregap.store.RunStore;
import dev.caregap.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Computes a study's figures over every included respondent so far, and records the run. */
@Component
public class StudyRuns {

    private static final Logger log = LoggerFactory.getLogger(StudyRuns.class);

    private final Studies studies;
    private final RespondentStore respondents;
    private final ExportStore exports;
    private final RunStore runs;

    public StudyRuns(Studies studies, RespondentStore respondents, ExportStore exports, RunStore runs) {
        this.studies = studies;
        this.respondents = respondents;
        this.exports = exports;
        this.runs = runs;
    }

    /** Runs the study of an ingested export. */
    public RunReport run(IngestOutcome ingested) {
        Study study = studies.byId(ingested.study());
        long runId = runs.start(study.id(), ingested.exportId());
        try {
            long lastExport = exports.lastIngested(study.id());
            FigureCalculator calculator = new FigureCalculator(study);
            respondents.included(study.id(), lastExport).forEach((file, respondent) -> calculator.add(respondent));
            List<Figure> figures = calculator.figures();
            runs.saveFigures(runId, figures);
            List<ExportQuality> quality = exports.quality(study.id(), lastExport);
            RunReport report = new RunReport(runId, "run-%05d".formatted(runId), study, ingested.fileName(),
                    Instant.now(), figures, quality, lastExport);
            runs.finish(runId, report.respondentsIncluded());
            log.info("Run {} of study {}: {} figures over {} included respondents from {} exports",
                    runId, study.id(), figures.size(), report.respondentsIncluded(), quality.size());
            return report;
        } catch (RuntimeException e) {
            runs.fail(runId);
            throw e;
        }
    }
}
