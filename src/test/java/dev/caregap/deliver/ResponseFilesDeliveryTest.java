package dev.caregap.deliver;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.Studies;
import dev.caregap.respondent.Respondent;
import dev.caregap.results.ExportResponses;
import dev.caregap.results.ResultFiles;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.ExportsAndRuns;
import dev.caregap.store.ResponseRowStore;
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

import static dev.caregap.deliver.ResultFilesDeliveryTest.column;
import static dev.caregap.store.ExportsAndRuns.consumer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's responses.csv (and so its workbook's Responses sheet) holds the respondents of the exports the run holds
 * (its run_export), like its figures and data-quality.csv: not those of an export numbered before its last one that
 * landed after it was claimed, and every one its figures count, even once an export landing later makes one of them a
 * duplicate. On the embedded H2 with the real migrations.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ResponseFilesDeliveryTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @TempDir
    Path root;

    @Test
    void aRunsResponsesLeaveOutAnExportThatLandedAfterItWasClaimed() throws IOException {
        ExportsAndRuns study = new ExportsAndRuns(jdbc, transactions, "responses");
        List<Respondent> inbox = List.of(consumer(2, "R1"), consumer(3, "R2"));
        List<Respondent> mailed = List.of(consumer(2, "R3"));
        // read at once: the inbox's export is numbered first, but the mailed one lands first and the run is claimed
        long inboxExport = study.startReading("wave-1-inbox.csv", inbox);
        long mailedExport = study.startReading("wave-2-mailed.csv", mailed);
        study.land(mailedExport, mailed);
        long firstRun = study.claimAndCompute();
        study.land(inboxExport, inbox);
        assertThat(study.exportsOf(firstRun)).containsExactly(mailedExport);

        Path first = delivered(study, firstRun);
        assertThat(column(first.resolve("responses.csv"), 2)).containsExactly("R3");
        assertThat(column(first.resolve("data-quality.csv"), 6)).as("as many as its data-quality.csv includes")
                .containsExactly("1");
        byte[] responses = Files.readAllBytes(first.resolve("responses.csv"));

        long secondRun = study.claimAndCompute();
        Path second = delivered(study, secondRun);
        assertThat(column(second.resolve("responses.csv"), 0)).as("in export order")
                .containsExactly("wave-1-inbox.csv", "wave-1-inbox.csv", "wave-2-mailed.csv");
        assertThat(column(second.resolve("responses.csv"), 2)).containsExactly("R1", "R2", "R3");

        // written again from its number after the next run, the first run's responses are what they were
        assertThat(delivered(study, firstRun)).isEqualTo(first);
        assertThat(Files.readAllBytes(first.resolve("responses.csv"))).isEqualTo(responses);
    }

    @Test
    void aRunsResponsesKeepARespondentAnExportLandingAfterItWasComputedMadeADuplicate() throws IOException {
        ExportsAndRuns study = new ExportsAndRuns(jdbc, transactions, "decided");
        List<Respondent> wave1 = List.of(consumer(2, "R1"), consumer(3, "R2"));
        List<Respondent> wave2 = List.of(consumer(2, "R1"));  // R1 again: the export landing last counts on a tie
        long firstExport = study.startReading("wave-1.csv", wave1);
        study.land(firstExport, wave1);
        long firstRun = study.claimAndCompute();
        long secondExport = study.startReading("wave-2.csv", wave2);
        study.land(secondExport, wave2);
        assertThat(study.exportsOf(firstRun)).containsExactly(firstExport);

        // written after the second export made wave-1's R1 a duplicate: as the run's figures counted them
        Path first = delivered(study, firstRun);
        assertThat(column(first.resolve("responses.csv"), 2)).containsExactly("R1", "R2");
        assertThat(column(first.resolve("data-quality.csv"), 6)).as("as many as its data-quality.csv includes")
                .containsExactly("2");

        Path second = delivered(study, study.claimAndCompute());
        assertThat(column(second.resolve("responses.csv"), 0)).containsExactly("wave-1.csv", "wave-2.csv");
        assertThat(column(second.resolve("responses.csv"), 2)).containsExactly("R2", "R1");
        assertThat(column(second.resolve("data-quality.csv"), 6)).containsExactly("1", "1");
    }

    /** The run's result files, then its response files, as DeliveryWorker delivers them; returns its folder. */
    private Path delivered(ExportsAndRuns study, long runId) {
        StudyLock studyLock = new StudyLock(jdbc, new Studies(Path.of("studies")), transactions);
        ResultFiles files = new ResultFiles(root.resolve("results"), new ExportResponses(root.resolve("data/responses")),
                ResultFiles.WORKBOOK_RESPONSES);
        new ResultFilesDelivery(files, study.issues(), new DeliveryStore(jdbc), studyLock, transactions,
                new CaregapProperties(root.resolve("results"), Path.of("studies"), "test", null, null, null, 20))
                .deliver(study.report(runId), ResultFilesDelivery.RECIPIENT);
        return Path.of(new ResponseFilesDelivery(files, new ResponseRowStore(jdbc, study.stored()), studyLock, transactions)
                .deliver(study.report(runId), ResultFilesDelivery.RECIPIENT));
    }
}
