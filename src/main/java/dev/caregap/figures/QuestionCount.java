package dev.caregap.figures;

import dev.caregap.study.Question;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tallies of one question: one for the total and one per group of each breakdown that applies to
 * the question's segment. A question shown only to some respondents (display logic) counts only those.
 */
final class QuestionCount {

    private final Question question;
    private final String filterQuestion;
    private final int filterCode;
    private final Tally total;
    private final Map<String, Tally[]> byBreakdown = new LinkedHashMap<>();

    /**
     * @param filterQuestion the question of the display condition, or null when shown to everyone
     * @param filterCode     the option code of the display condition's answer
     * @param groupCounts    breakdown id to the number of groups it has in the question's segment, in the study's order
     */
    QuestionCount(Question question, String filterQuestion, int filterCode, Map<String, Integer> groupCounts) {
        this.question = question;
        this.filterQuestion = filterQuestion;
        this.filterCode = filterCode;
        int options = question.options().size();
        this.total = new Tally(options);
        groupCounts.forEach((breakdown, groups) -> {
            Tally[] tallies = new Tally[groups];
            for (int i = 0; i < groups; i++) {
                tallies[i] = new Tally(options);
            }
            byBreakdown.put(breakdown, tallies);
        });
    }

    Question question() {
        return question;
    }

    /**
     * Counts a respondent of the question's segment.
     *
     * @param groups breakdown id to the respondent's group index; a breakdown the respondent has no
     *               answer for is absent
     */
    void add(AnswerSheet sheet, double weight, Map<String, Integer> groups) {
        if (filterQuestion != null && !sheet.chose(filterQuestion, filterCode)) {
            return;
        }
        boolean[] chosen = sheet.validChoices(question);
        if (chosen == null) {
            return;
        }
        total.add(chosen, weight);
        groups.forEach((breakdown, index) -> {
            Tally[] tallies = byBreakdown.get(breakdown);
            if (tallies != null) {
                tallies[index].add(chosen, weight);
            }
        });
    }

    void plus(QuestionCount other) {
        total.plus(other.total);
        byBreakdown.forEach((breakdown, tallies) -> {
            Tally[] others = other.byBreakdown.get(breakdown);
            for (int i = 0; i < tallies.length; i++) {
                tallies[i].plus(others[i]);
            }
        });
    }

    void minus(QuestionCount other) {
        total.minus(other.total);
        byBreakdown.forEach((breakdown, tallies) -> {
            Tally[] others = other.byBreakdown.get(breakdown);
            for (int i = 0; i < tallies.length; i++) {
                tallies[i].minus(others[i]);
            }
        });
    }

    /** What decides how respondents are counted here: stored tallies are read back only into the same shape. */
    void describe(StringBuilder out) {
        out.append(question).append('|').append(filterQuestion).append('=').append(filterCode);
        byBreakdown.forEach((breakdown, tallies) -> out.append('|').append(breakdown).append('x').append(tallies.length));
        out.append('\n');
    }

    /** Writes every tally: the total, then each breakdown's groups in order. */
    void write(StringBuilder out) {
        total.write(out);
        byBreakdown.values().forEach(tallies -> {
            for (Tally tally : tallies) {
                out.append(' ');
                tally.write(out);
            }
        });
    }

    void read(FigureTallies.Reader in) {
        total.read(in);
        byBreakdown.values().forEach(tallies -> {
            for (Tally tally : tallies) {
                tally.read(in);
            }
        });
    }

    /** The tally of a group, or null when its breakdown does not apply to this question. */
    Tally tally(Group group) {
        if (group.isTotal()) {
            return total;
        }
        Integer index = group.indexBySegment().get(question.segment());
        Tally[] tallies = byBreakdown.get(group.breakdown());
        return index == null || tallies == null ? null : tallies[index];
    }
}
