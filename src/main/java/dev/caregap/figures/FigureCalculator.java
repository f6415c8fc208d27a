package dev.caregap.figures;

import dev.caregap.respondent.Respondent;
import dev.caregap.stats.Gap;
import dev.caregap.stats.Interval;
import dev.caregap.stats.Share;
import dev.caregap.stats.ZTest;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.Study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Computes every figure of a study from a stream of respondents, following the analysis rules
 * (docs/analysis-rules.md, section 3). Respondents are counted as they arrive and never kept: the
 * calculator holds one {@link Tally} per question and group (its {@link FigureTallies}), so its memory
 * depends on the study, not on the number of respondents; tallies counted elsewhere and added up give
 * the same figures.
 *
 * <p>Rules as applied here:
 * <ul>
 *   <li>Base of a question: included respondents of its segment with a valid answer (an option that is
 *       not "not applicable"); for a multi-select, those who chose at least one option. A question with
 *       display logic counts only respondents who gave the condition's answer.</li>
 *   <li>Shares are weighted by {@link Respondent#weight()} with the Kish effective base for the
 *       interval; count and base stay unweighted. Weights of 1 give exactly the unweighted figures.
 *       A weight must be finite and not negative.</li>
 *   <li>A base under 30 (unweighted) is a low base; a gap is a low base when either side is.</li>
 *   <li>Each figure is given for the total and for each group of each breakdown that applies to its
 *       segment; a gap only for breakdowns that apply to both its sides, its groups matched by label.
 *       Respondents without an answer to a breakdown's question are in no group of it.</li>
 * </ul>
 *
 * <p>Output and its order: all totals first (figures in the study's order), then per breakdown (in the
 * study's order) each figure, and within it each group in the breakdown question's option order.
 * <b>Groups with no respondents are still given</b>, with base 0, a NaN share and NaN interval ends
 * (and a NaN z and p for a gap), so that every run yields the same set of rows. Within a group, a
 * {@link FigureSpec#ranked() ranked} figure's rows carry rank 1..k by share (highest first; equal shares
 * share a rank; an empty base has no rank) and are listed in rank order; for {@link Measure#EACH_OPTION}
 * the options of each question are ranked among themselves.
 */
public final class FigureCalculator {

    /** Unweighted bases below this are flagged as low. */
    static final int LOW_BASE = 30;

    private final Study study;
    private final FigureTallies tallies;

    /** The study is trusted: it was checked, and its named options resolved, when it was made. */
    public FigureCalculator(Study study) {
        this(new FigureTallies(study));
    }

    /** Figures from tallies counted elsewhere (added up export by export, say); further respondents add to them. */
    public FigureCalculator(FigureTallies tallies) {
        this.study = tallies.study();
        this.tallies = tallies;
    }

    /** Counts one respondent; an excluded respondent is ignored. */
    public void add(Respondent respondent) {
        tallies.add(respondent);
    }

    /** Every figure: totals first, then each breakdown (see the class comment for the order). */
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (FigureSpec spec : study.figures()) {
            figures.addAll(figuresFor(spec, Group.TOTAL));
        }
        for (Map.Entry<String, List<Group>> breakdown : tallies.groups().entrySet()) {
            for (FigureSpec spec : study.figures()) {
                List<String> segments = segmentsOf(spec);
                for (Group group : breakdown.getValue()) {
                    if (segments.stream().allMatch(group::appliesTo)) {
                        figures.addAll(figuresFor(spec, group));
                    }
                }
            }
        }
        return figures;
    }

    private List<Figure> figuresFor(FigureSpec spec, Group group) {
        if (spec.measure() == Measure.GAP) {
            return List.of(gap(spec, group));
        }
        List<Figure> figures = new ArrayList<>();
        if (spec.measure() == Measure.EACH_OPTION) {
            for (Question question : questionsOf(spec)) {
                List<Figure> perOption = new ArrayList<>();
                for (Option option : question.options()) {
                    if (!option.notApplicable()) {
                        perOption.add(share(spec, question, option.text(), List.of(option.code()), group));
                    }
                }
                figures.addAll(spec.ranked() ? ranked(perOption) : perOption);
            }
            return figures;
        }
        for (Question question : questionsOf(spec)) {
            String answer = spec.measure() == Measure.TOP2 ? Figure.TOP2 : study.option(spec, question.id()).text();
            figures.add(share(spec, question, answer, yesCodes(spec, question), group));
        }
        return spec.ranked() ? ranked(figures) : figures;
    }

    private Figure share(FigureSpec spec, Question question, String answer, List<Integer> codes, Group group) {
        Tally tally = tallies.count(question.id()).tally(group);
        Share share = tally.share(codes);
        Interval interval = share.wilson();
        return new Figure(spec.id(), spec.label(), spec.measure(), question.id(), answer,
                group.breakdown(), group.label(), tally.count(codes), tally.base(), share.value(),
                interval.low(), interval.high(), share.effectiveBase(), null, null,
                tally.base() < LOW_BASE, null);
    }

    private Figure gap(FigureSpec spec, Group group) {
        FigureSpec minuend = study.figure(spec.minuend()).orElseThrow();
        FigureSpec subtrahend = study.figure(spec.subtrahend()).orElseThrow();
        Tally first = tallyOf(minuend, group);
        Tally second = tallyOf(subtrahend, group);
        Gap gap = new Gap(first.share(yesCodes(minuend, questionsOf(minuend).get(0))),
                second.share(yesCodes(subtrahend, questionsOf(subtrahend).get(0))));
        Interval interval = gap.newcombe();
        ZTest test = gap.zTest();
        return new Figure(spec.id(), spec.label(), Measure.GAP, null, null, group.breakdown(), group.label(),
                0, 0, gap.difference(), interval.low(), interval.high(), Double.NaN, test.z(), test.p(),
                first.base() < LOW_BASE || second.base() < LOW_BASE, null);
    }

    private Tally tallyOf(FigureSpec side, Group group) {
        return tallies.count(questionsOf(side).get(0).id()).tally(group);
    }

    /** Ranks by share, highest first; equal shares share a rank; NaN shares get none and go last. */
    private static List<Figure> ranked(List<Figure> figures) {
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingDouble((Figure f) -> Double.isNaN(f.share()) ? 1 : 0)
                .thenComparing(Comparator.comparingDouble(Figure::share).reversed()));
        List<Figure> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Figure f = sorted.get(i);
            Integer rank = null;
            if (!Double.isNaN(f.share())) {
                rank = i > 0 && sorted.get(i - 1).share() == f.share() ? ranked.get(i - 1).rank() : i + 1;
            }
            ranked.add(new Figure(f.figure(), f.label(), f.measure(), f.question(), f.answer(), f.breakdown(),
                    f.group(), f.count(), f.base(), f.share(), f.low(), f.high(), f.effectiveBase(), f.z(),
                    f.p(), f.lowBase(), rank));
        }
        return ranked;
    }

    /** The options a share figure counts as "yes": a scale's top two, or the option the figure names. */
    private List<Integer> yesCodes(FigureSpec spec, Question question) {
        return switch (spec.measure()) {
            case TOP2 -> question.topTwo();
            case OPTION -> List.of(study.option(spec, question.id()).code());
            default -> List.of();
        };
    }

    private List<Question> questionsOf(FigureSpec spec) {
        return spec.questions().stream().map(id -> study.question(id).orElseThrow()).toList();
    }

    /** The segments a figure counts in: its questions' segment, or both sides' for a gap. */
    private List<String> segmentsOf(FigureSpec spec) {
        if (spec.measure() == Measure.GAP) {
            return List.of(questionsOf(study.figure(spec.minuend()).orElseThrow()).get(0).segment(),
                    questionsOf(study.figure(spec.subtrahend()).orElseThrow()).get(0).segment());
        }
        return List.of(questionsOf(spec).get(0).segment());
    }
}
