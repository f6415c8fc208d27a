package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run's figures found by what they are: figure, question, answer, breakdown and group. */
final class FigureIndex {

    private final Map<String, Figure> figures = new HashMap<>();
    private final Map<String, Figure> firstTotal = new HashMap<>();

    FigureIndex(List<Figure> figures) {
        for (Figure figure : figures) {
            this.figures.putIfAbsent(key(figure), figure);
            if (figure.isTotal()) {
                firstTotal.putIfAbsent(figure.figure(), figure);
            }
        }
    }

    /** The total of a figure of one question and answer (a top-2, an option or a gap); empty when the run has none. */
    Optional<Figure> total(String figureId) {
        return Optional.ofNullable(firstTotal.get(figureId));
    }

    /** This run's counterpart of a figure of another run: same figure, question, answer, breakdown and group. */
    Optional<Figure> same(Figure figure) {
        return Optional.ofNullable(figures.get(key(figure)));
    }

    /** Figure, question and answer: a row of a crosstab. */
    static String row(Figure f) {
        return f.figure() + '\u0000' + f.question() + '\u0000' + f.answer();
    }

    private static String key(Figure f) {
        return row(f) + '\u0000' + f.breakdown() + '\u0000' + f.group();
    }
}
