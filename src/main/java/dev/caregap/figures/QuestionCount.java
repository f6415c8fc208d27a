package dev.caregap.figures;

import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

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
    /** The same tallies by the breakdown's place among those of the question's segment (as groupCounts gives them). */
    private final Tally[][] byBreakdownPlace;
    /** Where the question and its display condition's question are on an {@link AnswerSheet}; -1: no condition. */
    private final int place;
    private final int filterPlace;
    /** By option index: whether choosing it is an answer (not "not applicable"). */
    private final boolean[] answers;
    private final boolean multi;
    /** The option indexes a respondent chose: filled again for each respondent counted. */
    private final int[] chosen;

    /**
     * @param filterQuestion the question of the display condition, or null when shown to everyone
     * @param filterCode     the option code of the display condition's answer
     * @param groupCounts    breakdown id to the number of groups it has in the question's segment, in the study's order
     * @param places         every question's place on an {@link AnswerSheet}
     */
    QuestionCount(Question question, String filterQuestion, int filterCode, Map<String, Integer> groupCounts,
                  Map<String, Integer> places) {
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
        this.byBreakdownPlace = byBreakdown.values().toArray(new Tally[0][]);
        this.place = places.get(question.id());
        this.filterPlace = filterQuestion == null ? -1 : placeOf(filterQuestion, places);
        this.answers = AnswerSheet.answers(question);
        this.multi = question.type() == QuestionType.MULTI;
        this.chosen = new int[options];
    }

    private static int placeOf(String conditionQuestion, Map<String, Integer> places) {
        Integer at = places.get(conditionQuestion);
        if (at == null) {
            throw new IllegalArgumentException("display condition on " + conditionQuestion + ", no question of the study");
        }
        return at;
    }

    Question question() {
        return question;
    }

    /**
     * Counts a respondent of the question's segment.
     *
     * @param groups by the breakdown's place among those of the question's segment, the respondent's group index;
     *               -1 where the respondent has no answer for the breakdown
     */
    void add(AnswerSheet sheet, double weight, int[] groups) {
        if (filterPlace >= 0 && !sheet.chose(filterPlace, filterCode)) {
            return;
        }
        int count = sheet.validChoices(place, answers, multi, chosen);
        if (count == 0) {
            return;
        }
        total.add(chosen, count, weight);
        for (int i = 0; i < byBreakdownPlace.length; i++) {
            if (groups[i] >= 0) {
                byBreakdownPlace[i][groups[i]].add(chosen, count, weight);
            }
        }
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
