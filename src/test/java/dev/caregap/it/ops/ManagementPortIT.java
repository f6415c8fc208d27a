package dev.caregap.it.ops;

import dev.caregap.it.service.ServiceProcess;
import dev.caregap.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service's management port, on PostgreSQL and the embedded mail server: health turns DOWN when the
 * inbox cannot be written or the database is gone, and UP again once they are back; Prometheus shows the exports
 * and respondents of a drop; hawtio and Jolokia need a login and Jolokia only reads, writes no heap dump and shows
 * the command line (with its passwords) to the operator only; the login's session cookie is SameSite=Strict and
 * Jolokia refuses a request a browser made for another origin's page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagementPortIT {

    private static final String MONITOR_PASSWORD = "watch-it";
    private static final String OPERATOR_PASSWORD = "steer-it";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path home;
    @TempDir
    static Path databaseFolder;
    private static PostgresServer postgres;
    private static int databasePort;
    private static ServiceProcess service;
    private static String management;

    @BeforeAll
    static void startOnPostgres() throws IOException {
        List<Integer> ports = Drops.freePorts(4);
        databasePort = ports.get(0);
        // its port and data fixed, so the service finds the same database again once it is started again
        postgres = PostgresServer.keepingItsData(databasePort, databaseFolder).start();
        service = ServiceProcess.start(home, "management", List.of(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                // a short wait for a connection, so a database that is gone shows within a health check
                "--spring.datasource.hikari.connection-timeout=2000",
                "--caregap.mail.embedded=true", "--caregap.mail.smtp.port=" + ports.get(1),
                "--caregap.mail.imap.port=" + ports.get(2), "--management.server.port=" + ports.get(3),
                "--caregap.jmx.monitor-password=" + MONITOR_PASSWORD, "--caregap.jmx.operator-password=" + OPERATOR_PASSWORD));
        service.awaitReady(Duration.ofMinutes(3));
        management = "http://127.0.0.1:" + ports.get(3);
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void healthIsUpWithTheCamelChecksTheDatabaseTheFoldersAndMail() {
        HttpResponse<String> health = await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health"),
                response -> response.statusCode() == 200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("camelHealth").contains("\"db\"");
    }

    @Test
    @Order(2)
    void prometheusShowsTheExportsAndRespondentsOfADrop() throws Exception {
        Drops.sample(home.resolve("inbox"));
        service.awaitLog("Run \\d+ of care-gap delivered: 5 exports", Duration.ofMinutes(3));
        String metrics = get("/actuator/prometheus").body();
        // sample-input/README.md: five exports, 1,657 rows read
        assertThat(metrics).contains("caregap_exports_total{outcome=\"ingested\"} 5.0")
                .contains("caregap_exports_total{outcome=\"rejected\"} 0.0")
                .contains("caregap_respondents_total 1657.0")
                .contains("caregap_deliveries_total{outcome=\"sent\"} 2.0")  // the run's result files, its response files
                .containsPattern("caregap_runs_seconds_count [1-9]");
        // Camel's route metrics too
        assertThat(metrics).contains("routeId=\"intake-inbox\"");
    }

    @Test
    @Order(3)
    void healthTurnsDownWhileTheInboxCannotBeWrittenAndUpOnceItCan() throws Exception {
        Path inbox = home.resolve("inbox");
        Unwritable unwritable = Unwritable.make(inbox);
        try {
            HttpResponse<String> down = await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health"),
                    response -> response.statusCode() == 503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("cannot be written").contains("inbox");
        } finally {
            unwritable.undo();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").statusCode() == 200);
    }

    @Test
    @Order(4)
    void healthTurnsDownWhileTheDatabaseIsGoneAndUpOnceItIsBack() throws Exception {
        postgres.close();
        HttpResponse<String> down = await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health"),
                response -> response.statusCode() == 503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("database");
        postgres.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health").statusCode() == 200);
    }

    @Test
    @Order(5)
    void hawtioAndJolokiaNeedALoginAndJolokiaOnlyReads() throws Exception {
        assertThat(get("/actuator/jolokia/read/caregap:type=Intake/ExportsIngested").statusCode()).isEqualTo(401);
        HttpResponse<String> read = get("/actuator/jolokia/read/caregap:type=Intake/ExportsIngested", "operator", OPERATOR_PASSWORD);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"value\":5");
        HttpResponse<String> exec = get("/actuator/jolokia/exec/caregap:type=Operations/pauseIntake", "operator", OPERATOR_PASSWORD);
        assertThat(exec.body()).contains("\"status\":403").doesNotContain("paused");
        assertThat(get("/actuator/hawtio/", "operator", OPERATOR_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/hawtio/", "operator", "guess").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void jolokiaWritesNoHeapDumpAndShowsTheCommandLineToTheOperatorOnly() throws Exception {
        Path heap = home.resolve("heap.hprof");
        // Jolokia's GET escapes a slash within an argument as !/
        HttpResponse<String> dump = get("/actuator/jolokia/exec/com.sun.management:type=HotSpotDiagnostic/dumpHeap/"
                + heap.toString().replace("/", "!/") + "/true", "operator", OPERATOR_PASSWORD);
        assertThat(dump.body()).contains("\"status\":403");
        assertThat(heap).doesNotExist();

        // the passwords given on the command line show in sun.java.command
        for (String attribute : new String[] {"SystemProperties", "InputArguments"}) {
            HttpResponse<String> read = get("/actuator/jolokia/read/java.lang:type=Runtime/" + attribute, "monitor", MONITOR_PASSWORD);
            assertThat(read.body()).as(attribute).contains("\"status\":403").doesNotContain(OPERATOR_PASSWORD);
        }
        // all attributes at once, as hawtio reads them: the others, without these two
        HttpResponse<String> all = get("/actuator/jolokia/read/java.lang:type=Runtime?ignoreErrors=true", "monitor", MONITOR_PASSWORD);
        assertThat(all.body()).contains("\"status\":200").contains("VmName").doesNotContain(OPERATOR_PASSWORD)
                .doesNotContain("sun.java.command");
        assertThat(get("/actuator/jolokia/read/java.lang:type=Runtime/Uptime", "monitor", MONITOR_PASSWORD).body())
                .contains("\"status\":200");
        HttpResponse<String> operator = get("/actuator/jolokia/read/java.lang:type=Runtime/SystemProperties", "operator", OPERATOR_PASSWORD);
        assertThat(operator.body()).contains("\"status\":200").contains("sun.java.command");
    }

    @Test
    @Order(7)
    void theLoginsSessionIsSameSiteStrictAndJolokiaAnswersOnlyItsOwnOriginsPages() throws Exception {
        HttpResponse<String> form = get("/login");
        assertThat(sessionCookie(form)).as("the login form's session").contains("SameSite=Strict");
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).as("the login form's token").isTrue();

        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(management + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie(sessionCookie(form)))
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=" + OPERATOR_PASSWORD + "&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/actuator/hawtio/"));
        String session = sessionCookie(login);
        assertThat(session).as("the logged-in session").contains("SameSite=Strict").contains("HttpOnly");

        // as hawtio's page talks to Jolokia: a POST with the session, from the same origin
        assertThat(jolokiaRead(session, "same-origin").body()).contains("\"status\":200").contains("\"value\":5");
        // as a page served from another port of this machine would, its browser sending the cookie along
        assertThat(jolokiaRead(session, "same-site").statusCode()).isEqualTo(403);
        assertThat(jolokiaRead(session, "cross-site").statusCode()).isEqualTo(403);
    }

    /** Reads an attribute over Jolokia with a session, as a browser asked by a page of {@code fetchSite} would. */
    private static HttpResponse<String> jolokiaRead(String session, String fetchSite) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(management + "/actuator/jolokia"))
                .header("Content-Type", "application/json").header("Cookie", cookie(session)).header("Sec-Fetch-Site", fetchSite)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"read\",\"mbean\":\"caregap:type=Intake\",\"attribute\":\"ExportsIngested\"}"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Set-Cookie header of the session (JSESSIONID), as the management port sent it. */
    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    /** The cookie as a browser sends it back: name=value. */
    private static String cookie(String setCookie) {
        return setCookie.split(";", 2)[0];
    }

    @Test
    @Order(8)
    void aManagementPortInUseStopsTheStartWithOneSentenceNamingIt(@TempDir Path otherHome) throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress());
             ServiceProcess refused = ServiceProcess.start(otherHome, "port-taken",
                     List.of("--management.server.port=" + taken.getLocalPort()))) {
            refused.awaitLog("caregap could not start: the management port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use by another program", Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(30)).until(() -> !refused.isAlive());
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(management + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
        return HTTP.send(HttpRequest.newBuilder(URI.create(management + path)).header("Authorization", "Basic " + basic)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A folder no one may write into, root included: immutable (chattr +i) where the file system allows, else without
     * write permission (enough for anyone but root).
     */
    private record Unwritable(Path folder, boolean immutable) {

        static Unwritable make(Path folder) throws IOException, InterruptedException {
            if (run("chattr", "+i", folder.toString()) == 0) {
                return new Unwritable(folder, true);
            }
            folder.toFile().setWritable(false, false);
            assertThat(Files.isWritable(folder)).as("the inbox could not be made unwritable").isFalse();
            return new Unwritable(folder, false);
        }

        void undo() throws IOException, InterruptedException {
            if (immutable) {
                run("chattr", "-i", folder.toString());
            } else {
                folder.toFile().setWritable(true, false);
            }
        }

        private static int run(String... command) throws InterruptedException {
            try {
                return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor();
            } catch (IOException e) {
                return -1;  // no chattr here
            }
        }
    }

}
