package dev.caregap.ops;

import dev.caregap.config.CaregapProperties;
import dev.caregap.config.mail.MailDropSettings;
import dev.caregap.store.OperationsStore;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Pausing and resuming intake with the mail drop's own route (routes/mail-drop.yaml) and an inbox route beside it:
 * with the mail drop off its route stays stopped, as resuming a route that is not suspended would start it.
 */
class OperationsIntakeTest {

    @TempDir
    Path folder;

    private final CamelContext camel = new DefaultCamelContext();
    private final MailDropCalls mailDrop = new MailDropCalls();

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void withTheMailDropOffResumingIntakeLeavesItsRouteStopped() throws Exception {
        Operations operations = operations(false);
        assertThat(status("mail-drop")).isEqualTo(ServiceStatus.Stopped);

        assertThat(operations.pauseIntake()).isEqualTo("paused intake-inbox");
        assertThat(operations.intakePaused()).isTrue();
        assertThat(operations.resumeIntake()).isEqualTo("resumed intake-inbox");

        assertThat(status("intake-inbox")).isEqualTo(ServiceStatus.Started);
        assertThat(status("mail-drop")).isEqualTo(ServiceStatus.Stopped);
        assertThat(operations.intakePaused()).isFalse();
        assertThat(mailDrop.polls).hasValue(0);
    }

    @Test
    void withTheMailDropOnPausingAndResumingIntakeTakeItsRouteToo() throws Exception {
        Operations operations = operations(true);

        assertThat(operations.pauseIntake()).isEqualTo("paused intake-inbox, mail-drop");
        assertThat(status("mail-drop")).isEqualTo(ServiceStatus.Suspended);
        assertThat(operations.intakePaused()).isTrue();
        assertThat(operations.resumeIntake()).isEqualTo("resumed intake-inbox, mail-drop");

        assertThat(status("intake-inbox")).isEqualTo(ServiceStatus.Started);
        assertThat(status("mail-drop")).isEqualTo(ServiceStatus.Started);
    }

    private Operations operations(boolean mailDropEnabled) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("caregap.mail-drop.enabled", String.valueOf(mailDropEnabled));
        properties.setProperty("caregap.mail-drop.poll", "1s");
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.getRegistry().bind("mailDrop", mailDrop);
        for (String routes : List.of("file:routes/errors.yaml", "file:routes/mail-drop.yaml")) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, routes));
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:inbox?period=1000").routeId("intake-inbox").log("inbox");
            }
        });
        camel.start();
        MailDropSettings drop = new MailDropSettings(mailDropEnabled, Duration.ofSeconds(1), List.of(), "quarantine",
                "caregap-failed", "caregap-done", folder.resolve("staging"), DataSize.ofMegabytes(50),
                DataSize.ofMegabytes(25), DataSize.ofMegabytes(200), 100, Duration.ofMinutes(10));
        CaregapProperties settings = new CaregapProperties(null, null, "test",
                new CaregapProperties.Work(Duration.ofSeconds(15), Duration.ofSeconds(1)),
                new CaregapProperties.Runs(Duration.ofSeconds(2), Duration.ofSeconds(30), 5),
                new CaregapProperties.Deliveries(10, Duration.ofSeconds(1), Duration.ofMinutes(5)), 20);
        return new Operations(null, null, null, null, null, null, mock(OperationsStore.class), camel, settings, drop, null,
                folder.resolve("inbox"), folder.resolve("failed"));
    }

    private ServiceStatus status(String routeId) {
        return camel.getRouteController().getRouteStatus(routeId);
    }

    /** Stands in for the mail drop's bean: counts the polls its route makes. */
    public static final class MailDropCalls {
        final AtomicInteger polls = new AtomicInteger();

        public int poll() {
            polls.incrementAndGet();
            return 0;
        }

        public void queueReceipts() {
        }
    }
}
