package dev.caregap.ingest;

import dev.caregap.read.Arrival;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Instant;

/** Makes the Arrival of a file that a route picked up. */
@Component
public class Arrivals {

    public Arrival fromFile(String absolutePath, String fileName, String source) {
        return Arrival.of(Path.of(absolutePath), fileName, source, Instant.now());
    }
}
