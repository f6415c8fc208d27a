package dev.caregap.ingest;

import dev.caregap.read.Arrival;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Makes the Arrival of a file that a route picked up. The name it arrived under is kept as it is shown: with
 * control characters escaped ({@link IntakeText}), so that no log line, reason or result file that names it can be
 * split or forged by it. The file itself keeps its name.
 */
@Component
public class Arrivals {

    public Arrival fromFile(String absolutePath, String fileName, String source) {
        return Arrival.of(Path.of(absolutePath), IntakeText.shown(fileName), IntakeText.shown(source), Instant.now());
    }
}
