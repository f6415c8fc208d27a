package dev.caregap.figures;

import dev.caregap.study.Question;

import java.util.HashMap;
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
    private final Map<String, Tally[]> byBreakdown = new HashMap<>();

    /**
     * @param filterQuestion the question of the display condition, or null when shown to everyone
     * @param filterCode     the option code of the display condition's answer
     * @param groupCounts    breakdown id to the number of groups it has in the question's segment
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
