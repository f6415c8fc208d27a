package dev.caregap.run;

import dev.caregap.figures.Figure;

import java.time.Instant;
import java.util.List;

/**
 * The study's run delivered before this one, for "what changed since": its figures in the same order and shape.
 *
 * @param runId      its number
 * @param name       its folder name, e.g. {@code run-00041}
 * @param finishedAt when its figures were computed
 * @param figures    every figure it reported
 */
public record PreviousRun(long runId, String name, Instant finishedAt, List<Figure> figures) {

    public PreviousRun {
        figures = List.copyOf(figures);
    }
}
