package dev.caregap.read;

import dev.caregap.study.Question;

/**
 * The question a column answers.
 *
 * @param question the question
 * @param option   for a column that stands for one option of a multi-select, that option's text; else null
 */
record ColumnTarget(Question question, String option) {

    static ColumnTarget whole(Question question) {
        return new ColumnTarget(question, null);
    }
}
