package dev.caregap.ops;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.deliver.mail.StakeholderMail;
import dev.caregap.config.Studies;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.ResponseFilesDelivery;
import dev.caregap.deliver.ResultFilesDelivery;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportStore;
import dev.caregap.store.OperationsStore;
import dev.caregap.store.PipelineFigures;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an operator may ask for (caregap:type=Operations). Each request is recorded, whatever its outcome, with who
 * asked and when: in the log and in the database. A request that cannot be done says why and changes nothing.
 */
@Component
public class Operations implements OperationsMXBean {

    private static final Logger log = LoggerFactory.getLogger(Operations.class);
    /** How the failed folder prefixes a file: HHmmss- or HHmmss.2- (a second one in the same second). */
    private static final Pattern FAILED_PREFIX = Pattern.compile("^\\d{6}(\\.\\d+)?-");

    private final Studies studies;
    private final Stakeholders stakeholders;
    private final RunStore runs;
    private final ExportStore exports;
    private final StudyLock studyLock;
    private final PipelineFigures figures;
    private final OperationsStore store;
    private final CamelContext camel;
    private final CaregapProperties settings;
    private final MailDropSettings drop;
    private final TransactionTemplate transaction;
    private final Path inbox;
    private final Path failed;

    public Operations(Studies studies, Stakeholders stakeholders, RunStore runs, ExportStore exports, StudyLock studyLock, PipelineFigures figures,
                      OperationsStore store, CamelContext camel, CaregapProperties settings, MailDropSettings drop,
                      PlatformTransactionManager transactions, @Value("${caregap.inbox}") Path inbox,
                      @Value("${caregap.failed}") Path failed) {
        this.studies = studies;
        this.stakeholders = stakeholders;
        this.runs = runs;
        this.exports = exports;
        this.studyLock = studyLock;
        this.figures = figures;
        this.store = store;
        this.camel = camel;
        this.settings = settings;
        this.drop = drop;
        this.transaction = new TransactionTemplate(transactions);
        this.inbox = inbox;
        this.failed = failed;
    }

    @Override
    public String rerunStudy(String study) {
        return recorded("rerun-study", study, () -> {
            if (studies.all().stream().noneMatch(s -> s.id().equals(study))) {
                throw new IllegalArgumentException("there is no study '" + study + "'");
            }
            long lastExport = exports.lastIngested(study);
            if (lastExport == 0) {
                throw new IllegalArgumentException("study " + study + " has no ingested export yet");
            }
            // as an export landing would: under the study's lock, so the run covers what is ingested when it starts
            Long run = transaction.execute(status -> {
                studyLock.lock(study);
                return runs.request(study, lastExport, Instant.now(), settings.runs().quiet(), settings.runs().cap());
            });
            return "run " + run + " of " + study + " requested";
        });
    }

    @Override
    public String rewriteResultFiles(long run) {
        return recorded("rewrite-result-files", "run " + run, () -> {
            RunStore.StoredRun stored = runs.find(run).orElseThrow(() -> new IllegalArgumentException("there is no run " + run));
            long newest = newestWithFigures(stored.study());
            if (newest != run) {
                // writing an older run's files would point latest back at it
                throw new IllegalArgumentException("run " + run + " is not the newest run of " + stored.study()
                        + " with figures" + (newest == 0 ? "" : " (run " + newest + " is)"));
            }
            int due = store.redeliver(run, ResultFilesDelivery.NAME, null, Instant.now());
            if (due == 0) {
                throw new IllegalArgumentException("run " + run + " has no result files delivery that is not being made right now");
            }
            // after the result files: until those are done again, the response files are not due
            store.redeliver(run, ResponseFilesDelivery.NAME, null, Instant.now());
            return "the result files of run " + run + " are written again at the next poll";
        });
    }

    @Override
    public String resendSummary(long run, String recipient) {
        String to = recipient == null || recipient.isBlank() ? null : recipient.trim();
        return recorded("resend-summary", "run " + run + " to " + (to == null ? "every recipient" : to), () -> {
            RunStore.StoredRun stored = runs.find(run).orElseThrow(() -> new IllegalArgumentException("there is no run " + run));
            List<String> recipients = store.recipients(run, StakeholderMail.SUMMARY);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("run " + run + " has no " + StakeholderMail.SUMMARY + " deliveries");
            }
            if (to != null && !recipients.contains(to)) {
                throw new IllegalArgumentException("run " + run + " has no " + StakeholderMail.SUMMARY + " for " + to
                        + "; its recipients: " + String.join(", ", recipients));
            }
            String when = whenSummariesGo(stored);
            List<String> asked = to == null ? recipients : List.of(to);
            // the mail refuses them at once (Undeliverable)
            List<String> gone = asked.stream().filter(r -> !follows(r, stored.study())).toList();
            if (gone.size() == asked.size()) {
                throw new IllegalArgumentException(String.join(", ", gone) + " no longer follow" + (gone.size() == 1 ? "s " : " ")
                        + stored.study() + " in " + stakeholders.file() + ": a summary would be refused");
            }
            Instant now = Instant.now();
            int due = 0;
            for (String each : asked) {
                due += gone.contains(each) ? 0 : store.redeliver(run, StakeholderMail.SUMMARY, each, now);
            }
            if (due == 0) {
                throw new IllegalArgumentException("the " + StakeholderMail.SUMMARY + " of run " + run + " is being sent right now");
            }
            return due + " " + StakeholderMail.SUMMARY + " deliver" + (due == 1 ? "y" : "ies") + " of run " + run + " sent again "
                    + when + (gone.isEmpty() ? "" : "; not to " + String.join(", ", gone) + ", no longer following " + stored.study());
        });
    }

    /**
     * When a run's summaries go: once its result files are done (DeliveryWorker), whose folder they attach from and are
     * copied into. Refuses, saying what to do, when they never would.
     */
    private String whenSummariesGo(RunStore.StoredRun run) {
        OperationsStore.DeliveryState files = store.state(run.id(), ResultFilesDelivery.NAME).orElseThrow(() ->
                new IllegalArgumentException("run " + run.id() + " has no " + ResultFilesDelivery.NAME + " delivery, which its summaries wait for"));
        if (DeliveryStore.FAILED.equals(files.status())) {
            throw new IllegalArgumentException("the summaries of run " + run.id() + " wait for its result files, which FAILED for good ("
                    + files.reason() + "): " + writeAgain(run));
        }
        if (DeliveryStore.PENDING.equals(files.status())) {
            return "once its result files are written" + (files.reason() == null ? "" : " (they failed for now: " + files.reason() + ")");
        }
        if (run.resultsFolder() != null && !Files.isDirectory(Path.of(run.resultsFolder()))) {
            throw new IllegalArgumentException("the summaries of run " + run.id() + " are copied into its results folder "
                    + run.resultsFolder() + ", which is gone (old run folders are removed beyond caregap.results-retention): "
                    + writeAgain(run));
        }
        return "at the next poll";
    }

    /** What an operator can do about a run's result files that are not there. */
    private String writeAgain(RunStore.StoredRun run) {
        long newest = newestWithFigures(run.study());
        return newest == run.id() ? "write them again with rewriteResultFiles(" + run.id() + "), then ask again"
                : "they cannot be written again, only those of the newest run of " + run.study() + " with figures (run " + newest + ")";
    }

    private long newestWithFigures(String study) {
        return figures.lastRunWithFigures(study).map(PipelineFigures.RunState::id).orElse(0L);
    }

    private boolean follows(String recipient, String study) {
        return stakeholders.byAddress(recipient).map(s -> s.audience(study) != null).orElse(false);
    }

    @Override
    public String reingestFailedFile(String path) {
        return recorded("reingest-failed-file", path, () -> {
            Path root = failed.toAbsolutePath().normalize();
            Path file = root.resolve(path == null ? "" : path).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
                throw new IllegalArgumentException("'" + path + "' is not a file in the failed folder " + root);
            }
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("there is no file " + file);
            }
            String name = FAILED_PREFIX.matcher(file.getFileName().toString()).replaceFirst("");
            if (name.endsWith(".error.txt")) {
                throw new IllegalArgumentException(file.getFileName() + " is a reason file, not an export");
            }
            Path target = inbox.resolve(name);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("the inbox already holds a file called " + name);
            }
            try {
                // under a temporary name first, so intake never sees a half-moved file across file systems
                Path partial = inbox.resolve(name + ".partial");
                Files.move(file, partial);
                Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not move " + file + " to the inbox: " + e.getMessage(), e);
            }
            return file + " moved to the inbox as " + name + " (its reason file stays in the failed folder)";
        });
    }

    @Override
    public String pauseIntake() {
        return recorded("pause-intake", "", () -> {
            List<String> paused = intakeRoutes().stream().filter(id -> switchRoute(id, true)).toList();
            return paused.isEmpty() ? "intake was already paused" : "paused " + String.join(", ", paused);
        });
    }

    @Override
    public String resumeIntake() {
        return recorded("resume-intake", "", () -> {
            List<String> resumed = intakeRoutes().stream().filter(id -> switchRoute(id, false)).toList();
            return resumed.isEmpty() ? "intake was not paused" : "resumed " + String.join(", ", resumed);
        });
    }

    /** Whether this instance's intake is paused: its inbox route does not run. */
    boolean intakePaused() {
        List<String> routes = intakeRoutes();
        return !routes.isEmpty() && routes.stream().allMatch(id -> camel.getRouteController().getRouteStatus(id) != ServiceStatus.Started);
    }

    /**
     * The routes that take exports in: the inbox (intake-*) and mail (mail-drop*), the latter only when the mail drop
     * is enabled: otherwise its route stays stopped, and resuming it would start it (and poll a mailbox nobody set up).
     */
    private List<String> intakeRoutes() {
        return camel.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> id.startsWith("intake-") || (drop.enabled() && id.startsWith("mail-drop"))).sorted().toList();
    }

    /** Suspends or resumes a route; false when it already was. */
    private boolean switchRoute(String routeId, boolean pause) {
        try {
            ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
            if (pause && status == ServiceStatus.Started) {
                camel.getRouteController().suspendRoute(routeId);
                return true;
            }
            if (!pause && (status == ServiceStatus.Suspended || status == ServiceStatus.Stopped)) {
                camel.getRouteController().resumeRoute(routeId);
                return true;
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("could not " + (pause ? "pause" : "resume") + " route " + routeId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getFailedFiles() {
        Path root = failed.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return new String[0];
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && !f.getFileName().toString().endsWith(".error.txt"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted(Comparator.reverseOrder()).limit(100).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the failed folder " + root, e);
        }
    }

    @Override
    public String[] getRecentOperations() {
        return store.recent(20).toArray(String[]::new);
    }

    /**
     * Does an operation and records it: who asked, when, what and the outcome, in the log and the database. A
     * refusal goes back to the caller as an IllegalArgumentException (its message says why).
     */
    private String recorded(String operation, String target, Supplier<String> work) {
        String who = Requester.current();
        Instant at = Instant.now();
        String outcome;
        RuntimeException failure = null;
        try {
            outcome = work.get();
        } catch (RuntimeException e) {
            failure = e;
            outcome = (e instanceof IllegalArgumentException ? "refused: " : "failed: ") + e.getMessage();
        }
        String shownTarget = target.isEmpty() ? "" : " " + target;
        if (failure == null) {
            log.info("Operation {}{} asked by {}: {}", operation, shownTarget, who, outcome);
        } else {
            log.warn("Operation {}{} asked by {}: {}", operation, shownTarget, who, outcome);
        }
        try {
            store.record(at, who, settings.instance(), operation, target, outcome);
        } catch (RuntimeException e) {
            log.warn("Operation {} asked by {} could not be recorded in the database: {}", operation, who, e.getMessage());
        }
        if (failure != null) {
            // plain exceptions only: a JMX client has none of ours (or Spring's) on its class path
            throw failure instanceof IllegalArgumentException ? new IllegalArgumentException(failure.getMessage())
                    : new IllegalStateException(outcome);
        }
        return outcome;
    }
}
