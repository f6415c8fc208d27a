package dev.caregap.report;

import dev.caregap.figures.Figure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A run's figures looked up the way reports read them: a figure's totals, its rows by a breakdown's group. */
public final class RunFigures {

    private final List<Figure> figures;

    public RunFigures(List<Figure> figures) {
        this.figures = List.copyOf(figures);
    }

    /** The figure's total rows, in the run's order (rank order for a ranked figure). */
    public List<Figure> totals(String figureId) {
        return figures.stream().filter(f -> f.figure().equals(figureId) && f.isTotal()).toList();
    }

    /** The figure's one total row (a gap, a top-2 or option figure of one question). */
    public Optional<Figure> total(String figureId) {
        List<Figure> totals = totals(figureId);
        return totals.size() == 1 ? Optional.of(totals.get(0)) : Optional.empty();
    }

    /** The figure's rows in one breakdown, groups in the run's order. */
    public List<Figure> inBreakdown(String figureId, String breakdown) {
        return figures.stream().filter(f -> f.figure().equals(figureId) && breakdown.equals(f.breakdown())).toList();
    }

    /** The groups a breakdown has in this run, in the run's order (the breakdown question's option order). */
    public List<String> groups(String breakdown) {
        LinkedHashSet<String> groups = new LinkedHashSet<>();
        figures.stream().filter(f -> breakdown.equals(f.breakdown())).forEach(f -> groups.add(f.group()));
        return new ArrayList<>(groups);
    }

    public boolean hasBreakdown(String breakdown) {
        return figures.stream().anyMatch(f -> breakdown.equals(f.breakdown()));
    }

    /** The row that stands where {@code row} stands: same figure, question, answer, breakdown and group. */
    public Optional<Figure> matching(Figure row) {
        return figures.stream().filter(f -> f.figure().equals(row.figure()) && Objects.equals(f.question(), row.question())
                && Objects.equals(f.answer(), row.answer()) && Objects.equals(f.breakdown(), row.breakdown())
                && Objects.equals(f.group(), row.group())).findFirst();
    }
}
