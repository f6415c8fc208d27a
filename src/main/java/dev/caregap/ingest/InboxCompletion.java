package dev.caregap.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.LoggingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What failed when the inbox route moved a file out of the inbox after its exchange (the file consumer's
 * {@code onCompletionExceptionHandler}). A file no longer there to move had left the inbox already (another instance
 * took it, see {@link InboxChecks#gone}): nothing is lost, so that is only noted. Anything else is logged as Camel
 * logs it.
 */
@Component
public class InboxCompletion implements ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(InboxCompletion.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String path = exchange == null ? null : exchange.getIn().getHeader(FileConstants.FILE_ABSOLUTE_PATH, String.class);
        if (path != null && Files.notExists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
            log.debug("{} had left the inbox when it was to be moved out of it (another instance took it): {}",
                    IntakeText.shown(exchange.getIn().getHeader(FileConstants.FILE_NAME, String.class)), exception.toString());
            return;
        }
        if (exchange == null) {
            log.error(message, exception);
        } else {
            new LoggingExceptionHandler(exchange.getContext(), InboxCompletion.class).handleException(message, exchange, exception);
        }
    }
}
