package dev.caregap.report;

import dev.caregap.cleaning.Cleaned;
import dev.caregap.cleaning.Cleaner;
import dev.caregap.figures.Figure;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.quality.ExportQuality;
import dev.caregap.quality.IssueCount;
import dev.caregap.read.Export;
import dev.caregap.read.ExportReader;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.PreviousRun;
import dev.caregap.run.RunReport;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run of the five sample-input files, made as the service makes it but without a database: each file read
 * and cleaned, duplicates across files settled as docs/analysis-rules.md 2.6 says (the latest end time of a
 * respondent id within a segment counts), then the figures computed over the included respondents.
 */
public final class SampleRun {

    public static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    public static final Instant FINISHED = Instant.parse("2026-03-04T10:15:30Z");
    private static RunReport sample;

    private SampleRun() {
    }

    /** The sample's run, named run-00002, delivered after nothing. */
    public static synchronized RunReport report() {
        if (sample == null) {
            sample = read();
        }
        return sample;
    }

    /** The sample's run, with a run delivered before it. */
    public static RunReport after(PreviousRun previous) {
        RunReport r = report();
        return new RunReport(r.runId(), r.name(), r.study(), r.trigger(), r.finishedAt(), r.figures(), r.quality(),
                r.lastExport(), previous);
    }

    private record Read(long export, Respondent respondent) {
    }

    private static RunReport read() {
        ExportReader reader = new ExportReader(List.of(CARE_GAP));
        Cleaner cleaner = new Cleaner(CARE_GAP);
        List<Path> files = files();
        List<Read> all = new ArrayList<>();
        Map<Long, List<Issue>> issues = new HashMap<>();
        Map<Long, String[]> names = new HashMap<>();
        long exportId = 0;
        for (Path file : files) {
            exportId++;
            try (Export export = reader.open(file)) {
                names.put(exportId, new String[]{file.getFileName().toString(), export.layout().label()});
                while (export.hasNext()) {
                    Cleaned cleaned = cleaner.clean(export.next());
                    all.add(new Read(exportId, cleaned.respondent()));
                    issues.computeIfAbsent(exportId, k -> new ArrayList<>()).addAll(cleaned.issues());
                }
            }
        }
        Map<String, Read> latest = new HashMap<>();
        Comparator<Read> later = Comparator.comparing((Read r) -> r.respondent().endedAt(),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(Read::export).thenComparingLong(r -> r.respondent().row());
        for (Read r : all) {
            if (r.respondent().included() && r.respondent().respondentId() != null) {
                latest.merge(r.respondent().segment() + "\u0000" + r.respondent().respondentId(), r,
                        (a, b) -> later.compare(a, b) >= 0 ? a : b);
            }
        }
        FigureCalculator calculator = new FigureCalculator(CARE_GAP);
        Map<Long, long[]> counts = new LinkedHashMap<>();  // read, included, incomplete, ineligible, duplicate, no segment
        for (Read r : all) {
            long[] c = counts.computeIfAbsent(r.export(), k -> new long[6]);
            c[0]++;
            Respondent p = r.respondent();
            boolean duplicate = p.included() && p.respondentId() != null
                    && latest.get(p.segment() + "\u0000" + p.respondentId()) != r;
            if (p.exclusion() == Exclusion.INCOMPLETE) {
                c[2]++;
            } else if (p.exclusion() == Exclusion.INELIGIBLE) {
                c[3]++;
            } else if (p.exclusion() == Exclusion.NO_SEGMENT) {
                c[5]++;
            } else if (duplicate) {
                c[4]++;
            } else {
                c[1]++;
                calculator.add(p);
            }
        }
        List<ExportQuality> quality = new ArrayList<>();
        for (long id = 1; id <= files.size(); id++) {
            long[] c = counts.getOrDefault(id, new long[6]);
            Map<List<String>, Long> byReason = new LinkedHashMap<>();
            issues.getOrDefault(id, List.of()).forEach(i -> byReason.merge(List.of(i.column(),
                    i.question() == null ? "" : i.question(), i.reason()), 1L, Long::sum));
            List<IssueCount> issueCounts = byReason.entrySet().stream()
                    .map(e -> new IssueCount(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue())).toList();
            quality.add(new ExportQuality(id, names.get(id)[0], "inbox", FINISHED.minusSeconds(60L * (files.size() - id)),
                    names.get(id)[1], c[0], c[1], c[2], c[3], c[4], c[5], issueCounts));
        }
        List<Figure> figures = calculator.figures();
        return new RunReport(2, "run-00002", CARE_GAP, files.get(files.size() - 1).getFileName().toString(), FINISHED,
                figures, quality, files.size());
    }

    private static List<Path> files() {
        try (Stream<Path> files = Files.list(Path.of("sample-input"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv") || f.getFileName().toString().endsWith(".xlsx"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
