package dev.caregap.figures;

import dev.caregap.respondent.Respondent;
import dev.caregap.study.Breakdown;
import dev.caregap.study.Condition;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.Study;
import dev.caregap.study.TextKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a study's figures are computed from: one {@link Tally} per question and group (base, option
 * counts, weight sums). Its size depends on the study only. Tallies add up: the tallies of several exports,
 * {@link #plus plus} each other, are the tallies of all their respondents, and respondents counted in them
 * can be taken off again ({@link #minus}), so a run adds what each export counted once instead of
 * counting every stored respondent again. Counts add exactly; weight sums are compensated, so the result
 * matches a straight count to rounding.
 *
 * <p>Tallies are written as text ({@link #encode}) and read back ({@link #decode}) for the same study
 * definition only: {@link #layout()} names that definition (what decides how a respondent is counted).
 */
public final class FigureTallies {

    private final Study study;
    private final Map<String, QuestionCount> counts = new LinkedHashMap<>();
    /** Segment id to the breakdowns that apply to it, with their question there. */
    private final Map<String, Map<String, Question>> breakdownQuestions = new HashMap<>();
    /** Breakdown id to its groups, in option order. */
    private final Map<String, List<Group>> groups = new LinkedHashMap<>();
    /** Every question's place on the answer sheet. */
    private final Map<String, Integer> places = new HashMap<>();
    /** What counting a respondent of a segment takes, by segment id (laid out once the counts are). */
    private final Map<String, SegmentCounts> bySegment = new HashMap<>();
    /** Filled again for each respondent counted. */
    private final AnswerSheet sheet;
    private String layout;

    /** Empty tallies for a study (trusted: it was checked, and its named options resolved, when it was made). */
    public FigureTallies(Study study) {
        this.study = study;
        study.questions().forEach(question -> places.putIfAbsent(question.id(), places.size()));
        this.sheet = new AnswerSheet(places);
        resolveBreakdowns();
        for (FigureSpec spec : study.figures()) {
            // A gap's sides are figures of the study, counted as such.
            if (spec.measure() != Measure.GAP) {
                spec.questions().forEach(id -> countFor(study.question(id).orElseThrow()));
            }
        }
        layOutSegments();
    }

    public Study study() {
        return study;
    }

    /** Counts one respondent; an excluded respondent is ignored. */
    public FigureTallies add(Respondent respondent) {
        if (!respondent.included()) {
            return this;
        }
        double weight = respondent.weight();
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("weight must be finite and not negative, was " + weight
                    + " (row " + respondent.row() + ")");
        }
        SegmentCounts segment = respondent.segment() == null ? null : bySegment.get(respondent.segment());
        if (segment == null) {
            return this;  // no figure counts a respondent of this segment
        }
        segment.add(sheet.fill(respondent), weight);
        return this;
    }

    /** Adds another's respondents to these tallies (which change); both are of the same study definition. */
    public FigureTallies plus(FigureTallies other) {
        sameLayout(other);
        counts.forEach((question, count) -> count.plus(other.counts.get(question)));
        return this;
    }

    /** Takes off respondents counted here before, given as their own tallies (these change). */
    public FigureTallies minus(FigureTallies other) {
        sameLayout(other);
        counts.forEach((question, count) -> count.minus(other.counts.get(question)));
        return this;
    }

    /** A digest of what decides how a respondent is counted (questions, options, display logic, breakdowns). */
    public String layout() {
        if (layout == null) {
            StringBuilder description = new StringBuilder();
            breakdownQuestions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> description.append(e.getKey()).append(e.getValue()).append('\n'));
            counts.values().forEach(count -> count.describe(description));
            try {
                layout = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(description.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
        return layout;
    }

    /** The tallies as text: numbers separated by spaces, in the layout's order (a double's exact digits). */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (QuestionCount count : counts.values()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            count.write(out);
        }
        return out.toString();
    }

    /**
     * Reads tallies written by {@link #encode} for a study of the same {@link #layout()}.
     *
     * @throws IllegalArgumentException when the text does not fit the study's layout
     */
    public static FigureTallies decode(Study study, String encoded) {
        FigureTallies tallies = new FigureTallies(study);
        Reader in = new Reader(encoded);
        try {
            tallies.counts.values().forEach(count -> count.read(in));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored tallies do not fit study " + study.id() + ": " + e.getMessage(), e);
        }
        if (in.hasNext()) {
            throw new IllegalArgumentException("stored tallies do not fit study " + study.id() + ": numbers left over");
        }
        return tallies;
    }

    QuestionCount count(String questionId) {
        return counts.get(questionId);
    }

    Map<String, List<Group>> groups() {
        return groups;
    }

    private void sameLayout(FigureTallies other) {
        if (other.study != study && !other.layout().equals(layout())) {
            throw new IllegalArgumentException("tallies of another study definition cannot be combined");
        }
    }

    // --- laying out the tallies, once ---

    private void resolveBreakdowns() {
        for (Breakdown breakdown : study.breakdowns()) {
            Map<String, Group.Builder> byLabel = new LinkedHashMap<>();
            for (String questionId : breakdown.questions()) {
                Question question = study.question(questionId).orElseThrow();
                breakdownQuestions.computeIfAbsent(question.segment(), s -> new LinkedHashMap<>())
                        .put(breakdown.id(), question);
                for (Option option : question.options()) {
                    // an age band under the minimum age holds only the ineligible, never counted
                    if (!option.notApplicable() && !question.underMinimumAge(option)) {
                        byLabel.computeIfAbsent(TextKey.of(option.text()),
                                        k -> new Group.Builder(breakdown.id(), option.text()))
                                .index(question.segment(), option.code() - 1);
                    }
                }
            }
            groups.put(breakdown.id(), byLabel.values().stream().map(Group.Builder::build).toList());
        }
    }

    private void countFor(Question question) {
        if (counts.containsKey(question.id())) {
            return;
        }
        Condition shownWhen = question.shownWhen();
        String filterQuestion = shownWhen == null ? null : shownWhen.question();
        int filterCode = shownWhen == null ? 0 : shownWhen.option().code();
        Map<String, Integer> groupCounts = new LinkedHashMap<>();
        breakdownQuestions.getOrDefault(question.segment(), Map.of())
                .forEach((breakdown, q) -> groupCounts.put(breakdown, q.options().size()));
        counts.put(question.id(), new QuestionCount(question, filterQuestion, filterCode, groupCounts, places));
    }

    /** For each segment with questions counted: its counts, and the breakdowns that group its respondents. */
    private void layOutSegments() {
        Map<String, List<QuestionCount>> countsBySegment = new LinkedHashMap<>();
        counts.values().forEach(count -> countsBySegment.computeIfAbsent(count.question().segment(), s -> new ArrayList<>()).add(count));
        countsBySegment.forEach((segment, segmentCounts) -> bySegment.put(segment, new SegmentCounts(
                segmentCounts.toArray(new QuestionCount[0]),
                breakdownQuestions.getOrDefault(segment, Map.of()).values().toArray(new Question[0]), places)));
    }

    /**
     * Counts respondents of one segment: finds each one's group in every breakdown of the segment (in the order
     * its counts keep their breakdowns' tallies), then adds them to each count of the segment.
     */
    private static final class SegmentCounts {
        private final QuestionCount[] counts;
        private final int[] breakdownPlaces;
        /** By breakdown, by option index: whether choosing the option puts a respondent in a group. */
        private final boolean[][] breakdownAnswers;
        /** By breakdown: the respondent's group index, -1 for none; filled again for each respondent. */
        private final int[] groups;

        SegmentCounts(QuestionCount[] counts, Question[] breakdowns, Map<String, Integer> places) {
            this.counts = counts;
            this.breakdownPlaces = new int[breakdowns.length];
            this.breakdownAnswers = new boolean[breakdowns.length][];
            for (int i = 0; i < breakdowns.length; i++) {
                breakdownPlaces[i] = places.get(breakdowns[i].id());
                breakdownAnswers[i] = AnswerSheet.answers(breakdowns[i]);
            }
            this.groups = new int[breakdowns.length];
        }

        void add(AnswerSheet sheet, double weight) {
            for (int i = 0; i < groups.length; i++) {
                groups[i] = sheet.firstAnswer(breakdownPlaces[i], breakdownAnswers[i]);
            }
            for (QuestionCount count : counts) {
                count.add(sheet, weight, groups);
            }
        }
    }

    /** Whole numbers without a fraction, others in the shortest digits that read back to the same double. */
    static void writeNumber(double value, StringBuilder out) {
        if (value == 0) {
            out.append('0');
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    /** Reads the numbers of encoded tallies in turn. */
    static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean hasNext() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            return at < text.length();
        }

        private String next() {
            if (!hasNext()) {
                throw new IllegalArgumentException("fewer numbers than the study's tallies");
            }
            int end = text.indexOf(' ', at);
            if (end < 0) {
                end = text.length();
            }
            String token = text.substring(at, end);
            at = end;
            return token;
        }

        long nextLong() {
            return Long.parseLong(next());
        }

        double nextDouble() {
            return Double.parseDouble(next());
        }
    }
}
