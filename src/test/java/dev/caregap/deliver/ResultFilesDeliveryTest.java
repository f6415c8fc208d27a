package dev.caregap.deliver;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.respondent.Respondent;
import dev.caregap.results.ExportResponses;
import dev.caregap.results.ResultFiles;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportsAndRuns;
import dev.caregap.store.StudyLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.caregap.store.ExportsAndRuns.consumer;
import static dev.caregap.store.ExportsAndRuns.unreadableAge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's data-issues.csv holds the issues of the exports the run holds (its run_export), like its figures and
 * data-quality.csv: not those of an export numbered before its last one that landed after it was claimed. On the
 * embedded H2 with the real migrations.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ResultFilesDeliveryTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @TempDir
    Path root;

    @Test
    void aRunsDataIssuesLeaveOutAnExportThatLandedAfterItWasClaimed() throws IOException {
        ExportsAndRuns study = new ExportsAndRuns(jdbc, transactions, "issues");
        List<Respondent> inbox = List.of(consumer(2, "R1"), consumer(3, "R2"));
        List<Respondent> mailed = List.of(consumer(2, "R3"));
        // read at once: the inbox's export is numbered first, but the mailed one lands first and the run is claimed
        long inboxExport = study.startReading("wave-1-inbox.csv", inbox, unreadableAge(3, "thirty"));
        long mailedExport = study.startReading("wave-2-mailed.csv", mailed, unreadableAge(2, "forty"));
        study.land(mailedExport, mailed);
        long firstRun = study.claimAndCompute();
        study.land(inboxExport, inbox);
        assertThat(study.exportsOf(firstRun)).containsExactly(mailedExport);

        ResultFilesDelivery delivery = delivery(study);
        Path first = Path.of(delivery.deliver(study.report(firstRun), ResultFilesDelivery.RECIPIENT));
        assertThat(column(first.resolve("data-issues.csv"), 0)).containsExactly("wave-2-mailed.csv");
        assertThat(column(first.resolve("data-quality.csv"), 1)).as("its other files say the same")
                .containsExactly("wave-2-mailed.csv");
        byte[] issues = Files.readAllBytes(first.resolve("data-issues.csv"));

        long secondRun = study.claimAndCompute();
        Path second = Path.of(delivery.deliver(study.report(secondRun), ResultFilesDelivery.RECIPIENT));
        assertThat(column(second.resolve("data-issues.csv"), 0)).as("in export order")
                .containsExactly("wave-1-inbox.csv", "wave-2-mailed.csv");

        // written again from its number after the next run, the first run's issues are what they were
        assertThat(Path.of(delivery.deliver(study.report(firstRun), ResultFilesDelivery.RECIPIENT))).isEqualTo(first);
        assertThat(Files.readAllBytes(first.resolve("data-issues.csv"))).isEqualTo(issues);
    }

    private ResultFilesDelivery delivery(ExportsAndRuns study) {
        StudyLock studyLock = new StudyLock(jdbc, new Studies(Path.of("studies")), transactions);
        ResultFiles files = new ResultFiles(root.resolve("results"), new ExportResponses(root.resolve("data/responses")),
                ResultFiles.WORKBOOK_RESPONSES);
        return new ResultFilesDelivery(files, study.issues(), new DeliveryStore(jdbc), studyLock, transactions,
                new CaregapProperties(root.resolve("results"), Path.of("studies"), "test", null, null, null, 20));
    }

    /** One column of a CSV file whose cells hold no commas or quotes of their own, its header left out, unquoted. */
    static List<String> column(Path csv, int index) throws IOException {
        return Files.readAllLines(csv).stream().skip(1)
                .map(line -> line.split(",", -1)[index].replace("\"", "")).toList();
    }
}
