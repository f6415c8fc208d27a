package dev.caregap.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exports this instance is reading right now and how far each has got, for the progress line in the log
 * (routes/progress.yaml asks for it every 10 s) and for operators (the intake MBean). Counting a row is two
 * plain writes, so reading pays nothing noticeable for it.
 */
@Component
public class ReadingProgress {

    private static final Logger log = LoggerFactory.getLogger(ReadingProgress.class);

    private final Map<Long, Reading> readings = new ConcurrentHashMap<>();

    /** An export starts being read; {@code sizeBytes} is its file's size. */
    public Reading start(long exportId, String fileName, long sizeBytes) {
        Reading reading = new Reading(this, exportId, fileName, sizeBytes, Instant.now());
        readings.put(exportId, reading);
        return reading;
    }


    /** How far each export being read has got, oldest first. */
    public List<Snapshot> now() {
        Instant now = Instant.now();
        return readings.values().stream().map(r -> r.snapshot(now)).sorted((a, b) -> Long.compare(a.exportId(), b.exportId()))
                .toList();
    }

    /** One log line per export being read: rows read, rate, how much of the file and the time left. */
    public void report() {
        for (Snapshot snapshot : now()) {
            log.info(snapshot.summary());
        }
    }

    /** One export being read, updated by the reading thread, read by others; closed once it is no longer read. */
    public static final class Reading implements AutoCloseable {

        private final ReadingProgress progress;
        private final long exportId;
        private final String fileName;
        private final long sizeBytes;
        private final Instant startedAt;
        private volatile long rows;
        private volatile long bytesRead = -1;

        private Reading(ReadingProgress progress, long exportId, String fileName, long sizeBytes, Instant startedAt) {
            this.progress = progress;
            this.exportId = exportId;
            this.fileName = fileName;
            this.sizeBytes = sizeBytes;
            this.startedAt = startedAt;
        }

        /** One more row read; {@code bytesRead} of the file so far, -1 when the format cannot tell (workbooks). */
        public void row(long bytesRead) {
            this.rows++;
            this.bytesRead = bytesRead;
        }

        Instant startedAt() {
            return startedAt;
        }

        /** The export is no longer read (stored, rejected or failed). */
        @Override
        public void close() {
            progress.readings.remove(exportId, this);
        }

        Snapshot snapshot(Instant now) {
            double seconds = Math.max(Duration.between(startedAt, now).toMillis(), 1) / 1000.0;
            long read = bytesRead;
            double fraction = read < 0 || sizeBytes <= 0 ? -1 : Math.min(1.0, read / (double) sizeBytes);
            // the rest of the file at the pace so far; unknown until some of it was read
            long secondsLeft = fraction <= 0 ? -1 : Math.round(seconds * (1 - fraction) / fraction);
            return new Snapshot(exportId, fileName, startedAt, rows, rows / seconds, fraction, secondsLeft, sizeBytes);
        }
    }

    /**
     * @param rowsPerSecond rows read per second since reading began
     * @param fraction      how much of the file was read (0..1), -1 when not known
     * @param secondsLeft   the estimated time left, -1 when not known
     */
    public record Snapshot(long exportId, String fileName, Instant startedAt, long rows, double rowsPerSecond,
                           double fraction, long secondsLeft, long sizeBytes) {

        public String summary() {
            String size = sizeBytes < 1_000_000 ? String.format(Locale.ROOT, "%,d KB", (sizeBytes + 999) / 1000)
                    : String.format(Locale.ROOT, "%,.1f MB", sizeBytes / 1_000_000.0);
            String done = fraction < 0 ? "" : String.format(Locale.ROOT, ", %.0f%% of %s, about %s left", fraction * 100,
                    size, secondsLeft < 60 ? secondsLeft + " s" : (secondsLeft + 30) / 60 + " min");
            return String.format(Locale.ROOT, "Reading export %d %s: %,d rows so far (%,.0f rows/s)%s",
                    exportId, IntakeText.shown(fileName), rows, rowsPerSecond, done);
        }
    }
}
