package dev.caregap.store;

import dev.caregap.config.Studies;
import dev.caregap.figures.FigureCalculator;
import dev.caregap.quality.ExportCount;
import dev.caregap.read.Arrival;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.RunReport;
import dev.caregap.study.Question;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A study's exports landing and its runs computed, step by step in the store as the service does them: an export
 * is numbered when its reading starts, lands (duplicates settled, marked ingested, a run asked for) when it ends,
 * and a run is claimed over what has landed then and computed as RunWorker does. So two exports read at once can
 * land out of number order, with a run claimed in between: the run holds the newer, not the older.
 */
public final class ExportsAndRuns {

    private static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    private static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");
    private static final String OWNER = "test";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Study study;
    private final ExportStore exports;
    private final RespondentStore respondents;
    private final StoredRespondents stored;
    private final DataIssueStore issues;
    private final TallyStore tallies;
    private final StudyLock studyLock;
    private final RunStore runs;

    /** A study of its own (the Care Gap questionnaire under a new name), so other tests' exports and runs stay apart. */
    public ExportsAndRuns(JdbcTemplate jdbc, PlatformTransactionManager transactions, String name) {
        this(jdbc, transactions, new Study(name + "-" + System.nanoTime(), CARE_GAP.title(), CARE_GAP.segments(),
                CARE_GAP.questions(), CARE_GAP.figures(), CARE_GAP.breakdowns()));
    }

    /** The Care Gap study itself, as the studies folder has it (for what looks studies up there), on a database of its own. */
    public static ExportsAndRuns careGap(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new ExportsAndRuns(jdbc, transactions, CARE_GAP);
    }

    private ExportsAndRuns(JdbcTemplate jdbc, PlatformTransactionManager transactions, Study study) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.study = study;
        this.exports = new ExportStore(jdbc, transactions);
        this.respondents = new RespondentStore(jdbc, transactions, 0);
        this.stored = new StoredRespondents(jdbc, transactions);
        this.issues = new DataIssueStore(jdbc, transactions);
        this.tallies = new TallyStore(jdbc, stored, transactions);
        this.studyLock = new StudyLock(jdbc, new Studies(Path.of("studies")), transactions);
        jdbc.update("insert into study_state (study) select ? where not exists (select 1 from study_state where study = ?)",
                study.id(), study.id());
        this.runs = new RunStore(jdbc, studyLock, transactions);
    }

    public Study study() {
        return study;
    }

    public RespondentStore respondents() {
        return respondents;
    }

    public StoredRespondents stored() {
        return stored;
    }

    public DataIssueStore issues() {
        return issues;
    }

    /** A consumer who feels cared for, with an id of its own. */
    public static Respondent consumer(long row, String id) {
        return new Respondent(row, id, "consumer", RECEIVED, 1.0, null,
                List.of(Answer.choice("C_COUNTRY", 1), Answer.choice("C_CARE", 4)));
    }

    /** An age that could not be read, on {@code row}. */
    public static Issue unreadableAge(long row, String value) {
        return new Issue(row, "What is your age?", "C_AGE", value, "age not readable");
    }

    /** Starts reading an export: it gets its number now and its rows are stored, but it has not landed. */
    public long startReading(String file, List<Respondent> rows, Issue... issues) {
        Arrival arrival = new Arrival(Path.of(file), file, "inbox", "hash-" + file + study.id(), 1, RECEIVED);
        long id = exports.claim(arrival, OWNER, Instant.now().plus(Duration.ofHours(1))).claimed();
        try (RespondentWriter writer = respondents.writer(id, study.id(),
                AnswerCodes.of(study.questions().stream().map(Question::id).toList()))) {
            for (Respondent r : rows) {
                writer.add(r, List.of(issues).stream().filter(i -> i.row() == r.row()).toList());
            }
            writer.flush();
        }
        return id;
    }

    /**
     * The export lands: marked ingested, its duplicates settled over its respondent ids (each naming this export as
     * the one that decided it) and its identities written, and a run asked for, under the study's lock.
     */
    public void land(long exportId, List<Respondent> rows) {
        ExportCount counted = new ExportCount();
        rows.forEach(counted::add);
        studyLock.inTransaction(study.id(), () -> {
            exports.markIngested(exportId, OWNER, Instant.now().plus(Duration.ofHours(1)), study.id(), "tidy", "CSV",
                    "consumer", counted);
            respondents.settleDuplicates(study.id(), exportId);
            return runs.request(study.id(), exportId, Instant.now(), Duration.ZERO, Duration.ZERO);
        });
    }

    /** Claims the study's requested run and computes it as RunWorker does; returns its number. */
    public long claimAndCompute() {
        long runId = jdbc.queryForObject("select id from study_run where requested_study = ?", Long.class, study.id());
        runs.claim(runId, OWNER, Instant.now(), Instant.now().plus(Duration.ofHours(1))).orElseThrow();
        // what it covers fixed, and read, under the study's lock
        var read = studyLock.inTransaction(study.id(), () -> {
            long lastExport = runs.coverIngested(runId, OWNER).orElseThrow();
            return Map.entry(exports.quality(study.id(), lastExport),
                    new FigureCalculator(tallies.ofRun(study, lastExport)).figures());
        });
        var covered = read.getKey();
        var figures = read.getValue();
        transaction.executeWithoutResult(status -> {
            if (!runs.computed(runId, OWNER, figures, covered, Instant.now())) {
                throw new IllegalStateException("run " + runId + " was not ours to record");
            }
        });
        return runId;
    }

    /** The run as its deliverables see it, read back from the store as DeliveryWorker does. */
    public RunReport report(long runId) {
        RunStore.StoredRun run = runs.find(runId).orElseThrow();
        return new RunReport(runId, "run-%05d".formatted(runId), study, run.trigger(), run.computedAt(),
                runs.figures(runId, study), exports.qualityOfRun(runId), run.lastExport());
    }

    /** The exports a run holds, by its run_export. */
    public List<Long> exportsOf(long runId) {
        return jdbc.queryForList("select export_id from run_export where run_id = ? order by export_id", Long.class, runId);
    }
}
