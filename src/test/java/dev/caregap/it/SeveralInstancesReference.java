package dev.caregap.it;

import dev.caregap.cleaning.Cleaner;
import dev.caregap.config.Studies;
import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Study;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a single reader makes of the distinct exports, without the service: each file read with the domain core's
 * {@link ExportReader}, cleaned with its {@link Cleaner}, its included respondents counted by a
 * {@link FigureCalculator}. Respondent ids are distinct across the files, so there are no duplicates to settle.
 */
final class SeveralInstancesReference {

    /** Rows read per file name. */
    final Map<String, Long> rowsPerFile = new LinkedHashMap<>();
    long rows;
    long included;
    /** The total figures, by {@link #key(String, String, String)}. */
    final Map<String, Figure> totals = new LinkedHashMap<>();

    static SeveralInstancesReference of(Path studiesFolder, String studyId, List<Path> distinctFiles) {
        Studies studies = new Studies(studiesFolder);
        Study study = studies.byId(studyId);
        ExportReader reader = new ExportReader(studies.all());
        Map<String, Cleaner> cleaners = new HashMap<>();
        FigureCalculator calculator = new FigureCalculator(study);
        SeveralInstancesReference reference = new SeveralInstancesReference();
        for (Path file : distinctFiles) {
            long fileRows = 0;
            try (Export export = reader.open(file)) {
                if (!export.study().id().equals(studyId)) {
                    throw new IllegalStateException(file + " is read as study " + export.study().id());
                }
                Cleaner cleaner = cleaners.computeIfAbsent(export.study().id(), id -> new Cleaner(export.study()));
                while (export.hasNext()) {
                    Respondent respondent = cleaner.clean(export.next()).respondent();
                    fileRows++;
                    if (respondent.included()) {
                        reference.included++;
                        calculator.add(respondent);
                    }
                }
            }
            reference.rowsPerFile.put(file.getFileName().toString(), fileRows);
            reference.rows += fileRows;
        }
        for (Figure figure : calculator.figures()) {
            if (figure.isTotal()) {
                reference.totals.put(key(figure.figure(), figure.question(), figure.answer()), figure);
            }
        }
        return reference;
    }

    static String key(String figure, String question, String answer) {
        return figure + " | " + (question == null ? "" : question) + " | " + (answer == null ? "" : answer);
    }
}
