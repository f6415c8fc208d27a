package dev.caregap.report.workbook;

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
import dev.caregap.run.ResponseSource;
import dev.caregap.run.RunReport;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run of the five sample-input files, made with the domain core as the service makes it, without a database:
 * each file read and cleaned, duplicates across files settled as analysis rule 2.6 says (the latest end counts),
 * the included respondents counted. The previous run is that of the first consumer and the first business file.
 */
final class SampleRun {

    static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    static final List<String> FILES = List.of("qualtrics-consumers.csv", "surveymonkey-business.csv",
            "qualtrics-consumers-numeric.csv", "google-forms-consumers.csv", "tidy-business.csv");
    static final Instant FINISHED = Instant.parse("2026-03-09T10:15:30Z");
    static final Instant PREVIOUS_FINISHED = Instant.parse("2026-03-08T09:00:00Z");

    /** A respondent as read: which export, which file, what became of it. */
    record Read(int export, String file, Respondent respondent, boolean duplicate) {
    }

    final RunReport report;
    final List<Read> included;

    private SampleRun(RunReport report, List<Read> included) {
        this.report = report;
        this.included = included;
    }

    static SampleRun of() {
        List<Read> all = new ArrayList<>();
        List<ExportQuality> quality = new ArrayList<>();
        ExportReader reader = new ExportReader(List.of(CARE_GAP));
        Cleaner cleaner = new Cleaner(CARE_GAP);
        Map<Integer, String> layouts = new HashMap<>();
        Map<Integer, Map<List<String>, Long>> issues = new HashMap<>();
        for (int e = 0; e < FILES.size(); e++) {
            String file = FILES.get(e);
            try (Export export = reader.open(Path.of("sample-input", file))) {
                layouts.put(e + 1, export.layout().label());
                while (export.hasNext()) {
                    Cleaned cleaned = cleaner.clean(export.next());
                    all.add(new Read(e + 1, file, cleaned.respondent(), false));
                    if (cleaned.respondent().included()) {
                        for (Issue issue : cleaned.issues()) {
                            issues.computeIfAbsent(e + 1, k -> new LinkedHashMap<>()).merge(
                                    List.of(issue.column(), String.valueOf(issue.question()), issue.reason()), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        List<Read> settled = settleDuplicates(all);
        for (int e = 1; e <= FILES.size(); e++) {
            int export = e;
            List<Read> of = settled.stream().filter(r -> r.export() == export).toList();
            List<IssueCount> counts = new ArrayList<>();
            issues.getOrDefault(e, Map.of()).forEach((k, n) -> counts.add(new IssueCount(k.get(0), k.get(1), k.get(2), n)));
            quality.add(new ExportQuality(e, FILES.get(e - 1), "inbox", Instant.parse("2026-03-08T08:00:00Z").plusSeconds(60L * e),
                    layouts.get(e), of.size(), of.stream().filter(SampleRun::counts).count(),
                    excluded(of, Exclusion.INCOMPLETE), excluded(of, Exclusion.INELIGIBLE),
                    of.stream().filter(Read::duplicate).count(), excluded(of, Exclusion.NO_SEGMENT), counts));
        }
        List<Read> included = settled.stream().filter(SampleRun::counts).toList();
        PreviousRun previous = new PreviousRun(1, "run-00001", PREVIOUS_FINISHED,
                figures(included.stream().filter(r -> r.export() <= 2).toList()));
        RunReport report = new RunReport(2, "run-00002", CARE_GAP, FILES.get(FILES.size() - 1), FINISHED,
                figures(included), quality, FILES.size(), previous);
        return new SampleRun(report, included);
    }

    /** The included respondents in export and row order, then the extra ones given. */
    ResponseSource responses(Respondent... extra) {
        return consumer -> {
            included.forEach(r -> consumer.accept(r.file(), r.respondent()));
            for (Respondent respondent : extra) {
                consumer.accept("extra.csv", respondent);
            }
        };
    }

    private static boolean counts(Read read) {
        return read.respondent().included() && !read.duplicate();
    }

    private static long excluded(List<Read> reads, Exclusion exclusion) {
        return reads.stream().filter(r -> r.respondent().exclusion() == exclusion).count();
    }

    /** Among included respondents with one id in one segment, the latest end counts (on a tie the later export and row). */
    private static List<Read> settleDuplicates(List<Read> all) {
        Comparator<Read> latest = Comparator.comparing((Read r) -> r.respondent().endedAt(),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Read::export).thenComparingLong(r -> r.respondent().row());
        Map<List<String>, Read> counting = new HashMap<>();
        for (Read read : all) {
            Respondent r = read.respondent();
            if (r.included() && r.respondentId() != null) {
                counting.merge(List.of(r.segment(), r.respondentId()), read, (a, b) -> latest.compare(a, b) >= 0 ? a : b);
            }
        }
        return all.stream().map(read -> {
            Respondent r = read.respondent();
            boolean duplicate = r.included() && r.respondentId() != null
                    && counting.get(List.of(r.segment(), r.respondentId())) != read;
            return new Read(read.export(), read.file(), r, duplicate);
        }).toList();
    }

    private static List<Figure> figures(List<Read> included) {
        FigureCalculator calculator = new FigureCalculator(CARE_GAP);
        included.forEach(r -> calculator.add(r.respondent()));
        return calculator.figures();
    }
}
