package dev.caregap.study;

import java.util.List;

/**
 * One figure the study reports.
 *
 * @param id         stable name, e.g. {@code care_gap}
 * @param label      for people; the id when the study gives none
 * @param measure    what it counts
 * @param questions  the question(s) it counts over; several for a ranked set such as an industry matrix
 * @param option     for {@link Measure#OPTION}, the option's text
 * @param minuend    for {@link Measure#GAP}, the figure whose share is subtracted from
 * @param subtrahend for {@link Measure#GAP}, the figure whose share is subtracted
 * @param ranked     list the questions' shares from highest to lowest
 * @param headline   shown first in summaries
 */
public record FigureSpec(String id, String label, Measure measure, List<String> questions, String option,
                         String minuend, String subtrahend, boolean ranked, boolean headline) {

    public FigureSpec {
        label = label == null || label.isBlank() ? id : label;
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
