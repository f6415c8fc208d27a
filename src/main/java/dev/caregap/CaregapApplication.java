package dev.caregap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.List;
import java.util.Map;

@SpringBootApplication
public class CaregapApplication {

    /** H2's system property for its shared value cache (org.h2.engine.SysProperties.OBJECT_CACHE). */
    static final String H2_VALUE_CACHE = "h2.objectCache";

    public static void main(String[] args) {
        // H2's shared cache of values hashes every string it stores (each respondent's answers) to find a copy it
        // already holds, which answers never have: a sixth of the time storing rows. Off, unless set otherwise.
        if (System.getProperty(H2_VALUE_CACHE) == null) {
            System.setProperty(H2_VALUE_CACHE, "false");
        }
        SpringApplication application = new SpringApplication(CaregapApplication.class);
        if (!List.of(args).contains("--debug") && !List.of(args).contains("--trace")) {
            application.setDefaultProperties(QUIET_FAILURE);
        }
        try {
            application.run(args);
        } catch (SpringApplication.AbandonedRunException abandoned) {
            throw abandoned;  // not a failure: a tool (AOT processing, a test) ran the application and stopped it
        } catch (Throwable failure) {
            // Already reported: one sentence naming the cause and what to do (dev.caregap.config.StartupFailureAnalyzer),
            // the stack trace at DEBUG. Exit at once, so no thread keeps a failed service alive.
            System.exit(1);
        }
    }

    /**
     * A failed start is reported once, by the failure analysis. These two would repeat it for developers: the
     * context's warning that it cancelled its refresh (the whole exception chain in one line), and the hint to
     * re-run with debug for the condition report. Not with --debug or --trace, which ask for all of it; as
     * defaults, any setting wins.
     */
    private static final Map<String, Object> QUIET_FAILURE = Map.of(
            "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR",
            // the same context as a web application (the management port)
            "logging.level.org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext",
            "ERROR",
            "logging.level.org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger", "WARN");
}
