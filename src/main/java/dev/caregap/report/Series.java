package dev.caregap.report;

import dev.caregap.study.Question;
import dev.caregap.study.Study;

/**
 * Which colour ({@link BarLayout#colour}) a bar gets: each segment its own, whatever chart or side of a gap it is
 * in (brands always one colour, consumers another); questions shown side by side take the colours after them.
 */
public final class Series {

    private Series() {
    }

    /** The place of the question's segment among the study's segments; 0 when it has none. */
    public static int ofSegment(Study study, String questionId) {
        String segment = questionId == null ? null : study.question(questionId).map(Question::segment).orElse(null);
        for (int i = 0; i < study.segments().size(); i++) {
            if (study.segments().get(i).id().equals(segment)) {
                return i;
            }
        }
        return 0;
    }

    /** The colour of the {@code index}-th question of a side-by-side chart: none of the segments' colours. */
    public static int ofQuestion(Study study, int index) {
        return study.segments().size() + index;
    }
}
