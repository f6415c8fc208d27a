package dev.caregap.it.ops;

import dev.caregap.it.service.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service with remote JMX on: a monitor reads the pipeline's MBeans after the sample drop and may not
 * act; an operator pauses intake, a dropped file waits, and is read once intake resumes; wrong credentials are
 * refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteJmxIT {

    private static final String MONITOR_PASSWORD = "watch-it";
    private static final String OPERATOR_PASSWORD = "steer-it";
    private static final ObjectName INTAKE = name("caregap:type=Intake");
    private static final ObjectName STUDY = name("caregap:type=Study,name=care-gap");
    private static final ObjectName DELIVERIES = name("caregap:type=Deliveries");
    private static final ObjectName OPERATIONS = name("caregap:type=Operations");

    @TempDir
    static Path home;
    private static ServiceProcess service;
    private static JMXServiceURL url;

    @BeforeAll
    static void startWithRemoteJmxAndDropTheSample() throws IOException {
        List<Integer> ports = Drops.freePorts(1);
        // remote JMX needs no management port (ManagementPortIT tests that)
        service = ServiceProcess.start(home, "jmx", List.of("--caregap.jmx.port=" + ports.get(0),
                "--caregap.jmx.monitor-password=" + MONITOR_PASSWORD, "--caregap.jmx.operator-password=" + OPERATOR_PASSWORD));
        service.awaitReady(Duration.ofMinutes(3));
        url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + ports.get(0) + "/jmxrmi");
        Drops.sample(home.resolve("inbox"));
        service.awaitLog("Run \\d+ of care-gap delivered: 5 exports", Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void theMonitorReadsTheIntakeAndTheStudyAsTheRunsFilesShowThem() throws Exception {
        try (JMXConnector connector = connect("monitor", MONITOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertThat(jmx.getAttribute(INTAKE, "ExportsReceived")).isEqualTo(5L);
            assertThat(jmx.getAttribute(INTAKE, "ExportsIngested")).isEqualTo(5L);
            assertThat(jmx.getAttribute(INTAKE, "ExportsRejected")).isEqualTo(0L);
            assertThat(jmx.getAttribute(INTAKE, "LastExportStatus")).isEqualTo("INGESTED");
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(false);
            // each export's identities go into the identity index after it counts, soon after
            await().atMost(Duration.ofSeconds(30)).until(() -> get(jmx, INTAKE, "ExportsIndexing") == 0L);

            // sample-input/README.md: 1,657 rows read, 1,650 included, 7 excluded
            assertThat(jmx.getAttribute(STUDY, "RespondentsIncluded")).isEqualTo(1650L);
            long excluded = Stream.of("ExcludedIncomplete", "ExcludedIneligible", "ExcludedDuplicate", "ExcludedNoSegment")
                    .mapToLong(attribute -> get(jmx, STUDY, attribute)).sum();
            assertThat(excluded).isEqualTo(7L);
            assertThat(jmx.getAttribute(STUDY, "LastRunStatus")).isEqualTo("DELIVERED");
            assertThat(jmx.getAttribute(STUDY, "LastRunExportsCovered")).isEqualTo(5L);

            Map<String, Double> headline = headline(jmx);
            // the published figures (docs/published-figures.md)
            assertThat(headline).containsEntry("brands_believe_care", 73.1).containsEntry("consumers_feel_cared_for", 36.0)
                    .containsEntry("care_gap", 37.1);
            // and every headline figure, each row of one of several, as the run's own figures.csv shows it
            Map<String, Double> inFiles = Drops.totalRows(home.resolve("results/care-gap/latest/figures.csv"));
            assertThat(headline).isNotEmpty().allSatisfy((figure, percent) -> assertThat(inFiles).containsEntry(figure, percent))
                    .containsKey("consumer_channel_preference: Email").doesNotContainKey("consumer_channel_preference");

            assertThat(jmx.getAttribute(DELIVERIES, "Sent")).as("the run's result files and its response files")
                    .isEqualTo(2L);
            assertThat(jmx.getAttribute(DELIVERIES, "Failed")).isEqualTo(0L);
        }
    }

    @Test
    @Order(2)
    void theMonitorMayNotCallAnOperation() throws Exception {
        try (JMXConnector connector = connect("monitor", MONITOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertThatThrownBy(() -> jmx.invoke(OPERATIONS, "pauseIntake", new Object[0], new String[0]))
                    .isInstanceOf(SecurityException.class).hasMessageContaining("may only read");
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(false);
        }
    }

    @Test
    @Order(3)
    void wrongCredentialsAreRefused() {
        assertThatThrownBy(() -> connect("monitor", "guess")).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> connect("admin", OPERATOR_PASSWORD)).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url)).isInstanceOf(SecurityException.class);
    }

    @Test
    @Order(4)
    void theOperatorPausesIntakeAndADroppedFileWaitsUntilIntakeResumes() throws Exception {
        Path inbox = home.resolve("inbox");
        Path waiting = inbox.resolve("wave-2.csv");
        try (JMXConnector connector = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            Object paused = jmx.invoke(OPERATIONS, "pauseIntake", new Object[0], new String[0]);
            assertThat(paused).asString().contains("intake-inbox");
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(true);

            // new content (the sample's first 40 consumers), so it is ingested rather than found a repeat
            List<String> lines = Files.readAllLines(Drops.SAMPLE.resolve("qualtrics-consumers.csv"));
            Path part = Files.writeString(home.resolve("wave-2.csv"), String.join("\n", lines.subList(0, 43)) + "\n");
            Drops.drop(part, inbox, "wave-2.csv");
            // several polls (one a second) go by: the file stays, nothing arrives
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(waiting));
            assertThat(jmx.getAttribute(INTAKE, "ExportsReceived")).isEqualTo(5L);

            Object resumed = jmx.invoke(OPERATIONS, "resumeIntake", new Object[0], new String[0]);
            assertThat(resumed).asString().contains("intake-inbox");
            await().atMost(Duration.ofMinutes(1)).until(() -> !Files.exists(waiting));
            await().atMost(Duration.ofSeconds(30)).until(() -> get(jmx, INTAKE, "ExportsIngested") == 6L);
            assertThat(jmx.getAttribute(INTAKE, "LastExport")).asString().endsWith("wave-2.csv");
            assertThat(jmx.getAttribute(INTAKE, "Paused")).isEqualTo(false);

            // each request is recorded with who asked, in the database and the log
            String[] recent = (String[]) jmx.getAttribute(OPERATIONS, "RecentOperations");
            assertThat(recent[0]).contains("by operator").contains("resume-intake");
            assertThat(recent[1]).contains("by operator").contains("pause-intake");
            assertThat(service.countLog("Operation pause-intake asked by operator: paused intake-inbox")).isEqualTo(1);
            assertThat(service.logLines()).noneMatch(line -> line.contains(OPERATOR_PASSWORD) || line.contains(MONITOR_PASSWORD));
        }
    }

    @Test
    @Order(5)
    void theOperatorAsksForANewRunOfTheStudy() throws Exception {
        try (JMXConnector connector = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            await().atMost(Duration.ofMinutes(1)).until(() -> "DELIVERED".equals(jmx.getAttribute(STUDY, "LastRunStatus")));
            long before = get(jmx, STUDY, "LastRun");
            Object answer = jmx.invoke(OPERATIONS, "rerunStudy", new Object[] {"care-gap"}, new String[] {String.class.getName()});
            assertThat(answer).asString().isEqualTo("run " + (before + 1) + " of care-gap requested");
            await().atMost(Duration.ofMinutes(1)).until(() -> get(jmx, STUDY, "LastRun") == before + 1
                    && "DELIVERED".equals(jmx.getAttribute(STUDY, "LastRunStatus")));
            assertThatThrownBy(() -> jmx.invoke(OPERATIONS, "rerunStudy", new Object[] {"no-such-study"},
                    new String[] {String.class.getName()})).hasRootCauseMessage("there is no study 'no-such-study'");
        }
    }

    @Test
    @Order(6)
    void theOperatorRewritesTheNewestRunsResultFilesButNoOlderOnes() throws Exception {
        try (JMXConnector connector = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            long newest = get(jmx, STUDY, "FiguresRun");
            Path figures = home.resolve("results/care-gap/run-%05d/figures.csv".formatted(newest));
            Path workbook = figures.resolveSibling("report.xlsx");
            Files.delete(figures);
            Files.delete(workbook);
            Object answer = jmx.invoke(OPERATIONS, "rewriteResultFiles", new Object[] {newest}, new String[] {"long"});
            assertThat(answer).asString().contains("run " + newest);
            await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(figures));
            await("the response files written again too").atMost(Duration.ofMinutes(1))
                    .until(() -> Files.exists(workbook));
            assertThat(Drops.totals(figures)).containsEntry("care_gap", (Double) headline(jmx).get("care_gap"));

            assertThatThrownBy(() -> jmx.invoke(OPERATIONS, "rewriteResultFiles", new Object[] {1L}, new String[] {"long"}))
                    .hasRootCauseMessage("run 1 is not the newest run of care-gap with figures (run " + newest + " is)");
            String[] recent = (String[]) jmx.getAttribute(OPERATIONS, "RecentOperations");
            assertThat(recent[0]).contains("by operator").contains("rewrite-result-files run 1: refused: run 1 is not the newest");
        }
    }

    @Test
    @Order(7)
    void theOperatorMovesAFailedFileBackToTheInboxAndItIsReadAgain() throws Exception {
        Path inbox = home.resolve("inbox");
        Drops.drop(Files.writeString(home.resolve("notes.csv"), "not,a,survey\n1,2,3\n"), inbox, "notes.csv");
        try (JMXConnector connector = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            await().atMost(Duration.ofMinutes(1)).until(() -> get(jmx, INTAKE, "ExportsRejected") == 1L);
            // the rejection is counted once it is committed; the file moves to the failed folder right after
            await().atMost(Duration.ofMinutes(1)).until(() -> ((String[]) jmx.getAttribute(OPERATIONS, "FailedFiles")).length > 0);
            String[] failed = (String[]) jmx.getAttribute(OPERATIONS, "FailedFiles");
            assertThat(failed).hasSize(1);
            assertThat(failed[0]).endsWith("-notes.csv");

            Object answer = jmx.invoke(OPERATIONS, "reingestFailedFile", new Object[] {failed[0]}, new String[] {String.class.getName()});
            assertThat(answer).asString().contains("moved to the inbox as notes.csv");
            assertThat(home.resolve("failed").resolve(failed[0])).doesNotExist();
            // read again, and rejected again for the same reason
            await().atMost(Duration.ofMinutes(1)).until(() -> get(jmx, INTAKE, "ExportsRejected") == 2L);

            assertThatThrownBy(() -> jmx.invoke(OPERATIONS, "reingestFailedFile", new Object[] {"../inbox/x.csv"},
                    new String[] {String.class.getName()})).rootCause().hasMessageContaining("is not a file in the failed folder");
        }
    }

    @Test
    @Order(8)
    void remoteJmxWithoutThePasswordsRefusesToStartAndSaysWhy(@TempDir Path otherHome) {
        try (ServiceProcess refused = ServiceProcess.start(otherHome, "no-passwords",
                List.of("--caregap.jmx.port=" + Drops.freePorts(1).get(0), "--caregap.jmx.monitor-password=watch-it"))) {
            refused.awaitLog("caregap could not start: Remote JMX \\(caregap.jmx.port=\\d+\\) needs the passwords of its users: "
                    + "set caregap.jmx.monitor-password and caregap.jmx.operator-password", Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(30)).until(() -> !refused.isAlive());
            assertThat(refused.logLines()).noneMatch(line -> line.contains("watch-it"));
        }
    }

    private static JMXConnector connect(String user, String password) throws IOException {
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        return JMXConnectorFactory.connect(url, environment);
    }

    private static long get(MBeanServerConnection jmx, ObjectName bean, String attribute) {
        try {
            return (Long) jmx.getAttribute(bean, attribute);
        } catch (Exception e) {
            throw new AssertionError("could not read " + bean + " " + attribute, e);
        }
    }

    private static Map<String, Double> headline(MBeanServerConnection jmx) throws Exception {
        Map<String, Double> figures = new HashMap<>();
        TabularData table = (TabularData) jmx.getAttribute(STUDY, "HeadlineFigures");
        for (Object row : table.values()) {
            CompositeData entry = (CompositeData) row;
            figures.put((String) entry.get("key"), (Double) entry.get("value"));
        }
        return figures;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
