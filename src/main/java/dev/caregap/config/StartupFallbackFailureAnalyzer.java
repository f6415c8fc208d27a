package dev.caregap.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import java.util.List;

/**
 * The last word on a start-up failure nobody else explained: one sentence with the root cause's message, so
 * that no failure ends as a stack trace at ERROR (Spring Boot logs it at DEBUG once an analyzer answered).
 * <p>
 * Spring Boot's own analyzers (a property that cannot be bound, a missing bean, ...) explain better than a
 * root cause, so they are asked first: an analyzer without an order sorts alongside this one, and which of
 * the two comes first depends on the class path, so this one asks them itself rather than trust the order.
 */
public class StartupFallbackFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final Log log = LogFactory.getLog(StartupFallbackFailureAnalyzer.class);

    private final BeanFactory beanFactory;
    private final Environment environment;

    /** Both null when start-up failed before there was a context. */
    public StartupFallbackFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory;
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis theirs = others(failure);
        if (theirs != null) {
            return theirs;
        }
        List<Throwable> chain = StartupFailureAnalyzer.causes(failure);
        Throwable root = chain.get(chain.size() - 1);
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() + " (no message)."
                : StartupFailureAnalyzer.firstLine(root.getMessage());
        return new FailureAnalysis("caregap could not start: " + message,
                "Run caregap again with --debug to see the full stack trace.", failure);
    }

    private FailureAnalysis others(Throwable failure) {
        ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, beanFactory).and(Environment.class, environment);
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, arguments, FailureHandler.logging(log));
        for (FailureAnalyzer analyzer : analyzers) {
            if (analyzer instanceof StartupFallbackFailureAnalyzer) {
                continue;
            }
            try {
                FailureAnalysis analysis = analyzer.analyze(failure);
                if (analysis != null) {
                    return analysis;
                }
            } catch (Throwable e) {
                log.trace("FailureAnalyzer " + analyzer + " failed", e);
            }
        }
        return null;
    }
}
