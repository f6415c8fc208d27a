package dev.caregap.results;

import dev.caregap.figures.Figure;
import dev.caregap.study.Measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * figures.csv: one row per figure. The percent, low and high columns are rounded for people
 * (percent for a share, points for a gap) to one decimal; share, share_low and share_high hold the
 * proportions to six decimals so an analyst can recompute. A gap has no count, base or effective base of its own.
 */
public final class FiguresCsv {

    static final String FILE = "figures.csv";

    static final List<String> HEADER = List.of("figure", "label", "measure", "question", "answer", "breakdown",
            "group", "count", "base", "percent", "low", "high", "effective_base", "z", "p", "low_base", "rank",
            "share", "share_low", "share_high");

    private FiguresCsv() {
    }

    static void write(Path file, List<Figure> figures) throws IOException {
        try (SafeCsv csv = SafeCsv.create(file, HEADER)) {
            for (Figure figure : figures) {
                csv.row(cells(figure));
            }
        }
    }

    private static List<String> cells(Figure f) {
        boolean gap = f.measure() == Measure.GAP;
        return Arrays.asList(
                f.figure(),
                f.label(),
                measureName(f.measure()),
                f.question(),
                f.answer(),
                f.breakdown(),
                f.group(),
                gap ? "" : Long.toString(f.count()),
                gap ? "" : Long.toString(f.base()),
                Percent.of(f.share()),
                Percent.of(f.low()),
                Percent.of(f.high()),
                gap || f.base() == 0 ? "" : FigureNumbers.effectiveBase(f.effectiveBase()),
                FigureNumbers.z(f.z()),
                FigureNumbers.p(f.p()),
                f.lowBase() ? "yes" : "",
                f.rank() == null ? "" : f.rank().toString(),
                FigureNumbers.proportion(f.share()),
                FigureNumbers.proportion(f.low()),
                FigureNumbers.proportion(f.high()));
    }

    /** The measure as the study definition spells it: top2, option, each-option, gap. */
    public static String measureName(Measure measure) {
        return measure.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
