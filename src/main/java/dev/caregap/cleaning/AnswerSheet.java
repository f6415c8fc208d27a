package dev.caregap.cleaning;

import dev.caregap.respondent.Answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answers of one respondent while they are cleaned, by question position, with the first column and
 * value each came from so that a later correction can say where it was. One sheet is emptied and filled again for
 * each respondent a thread cleans: a sheet made for each was a fifth of what reading an export allocated.
 */
final class AnswerSheet {

    private final List<QuestionRules> questions;
    /** Single, scale and age: the chosen code. */
    private final int[] codes;
    /** Multi-select: the chosen codes (index = code), made on first use. */
    private final boolean[][] chosen;
    /** Open text; for an age, the years as given. */
    private final String[] texts;
    private final String[] columns;
    private final String[] values;
    /** Where a multi-select's exclusive option ("None of these") was chosen, by question position. */
    private final String[] exclusiveColumns;
    private final String[] exclusiveValues;

    AnswerSheet(List<QuestionRules> questions) {
        this.questions = questions;
        int n = questions.size();
        codes = new int[n];
        chosen = new boolean[n][];
        texts = new String[n];
        columns = new String[n];
        values = new String[n];
        exclusiveColumns = new String[n];
        exclusiveValues = new String[n];
    }

    /** Forgets the previous respondent's answers. */
    AnswerSheet clear() {
        Arrays.fill(codes, 0);
        Arrays.fill(chosen, null);
        Arrays.fill(texts, null);
        Arrays.fill(columns, null);
        Arrays.fill(values, null);
        Arrays.fill(exclusiveColumns, null);
        Arrays.fill(exclusiveValues, null);
        return this;
    }

    /** Notes where an answer to the question came from; the first one is kept. */
    void source(QuestionRules q, String column, String value) {
        if (columns[q.index] == null) {
            columns[q.index] = column;
            values[q.index] = value;
        }
    }

    String column(QuestionRules q) {
        return columns[q.index];
    }

    String value(QuestionRules q) {
        return values[q.index];
    }

    int code(QuestionRules q) {
        return codes[q.index];
    }

    void setCode(QuestionRules q, int code) {
        codes[q.index] = code;
    }

    void choose(QuestionRules q, int code, String column, String value) {
        source(q, column, value);
        if (code == q.exclusiveCode && exclusiveColumns[q.index] == null) {
            exclusiveColumns[q.index] = column;
            exclusiveValues[q.index] = value;
        }
        if (chosen[q.index] == null) {
            chosen[q.index] = new boolean[q.question.options().size() + 1];
        }
        chosen[q.index][code] = true;
    }

    String exclusiveColumn(QuestionRules q) {
        return exclusiveColumns[q.index];
    }

    String exclusiveValue(QuestionRules q) {
        return exclusiveValues[q.index];
    }

    void unchoose(QuestionRules q, int code) {
        if (chosen[q.index] != null) {
            chosen[q.index][code] = false;
        }
    }

    boolean isChosen(QuestionRules q, int code) {
        return chosen[q.index] != null && chosen[q.index][code];
    }

    int chosenCount(QuestionRules q) {
        int n = 0;
        if (chosen[q.index] != null) {
            for (boolean c : chosen[q.index]) {
                n += c ? 1 : 0;
            }
        }
        return n;
    }

    String text(QuestionRules q) {
        return texts[q.index];
    }

    void setText(QuestionRules q, String text) {
        texts[q.index] = text;
    }

    /** Whether the question holds an answer of any kind. */
    boolean answered(QuestionRules q) {
        return codes[q.index] != 0 || texts[q.index] != null || chosenCount(q) > 0;
    }

    /** Whether the respondent gave this option to the question (single or multi). */
    boolean gave(QuestionRules q, int code) {
        return codes[q.index] == code || isChosen(q, code);
    }

    void clear(QuestionRules q) {
        codes[q.index] = 0;
        chosen[q.index] = null;
        texts[q.index] = null;
    }

    /** The answers in the study's question order; a multi-select gives one answer per chosen option. */
    List<Answer> answers() {
        List<Answer> answers = new ArrayList<>(questions.size() + 8);  // room for a few multi-select choices
        for (QuestionRules q : questions) {
            int i = q.index;
            if (chosen[i] != null) {
                for (int code = 1; code < chosen[i].length; code++) {
                    if (chosen[i][code]) {
                        answers.add(q.choice(code));
                    }
                }
            } else if (texts[i] != null) {
                answers.add(new Answer(q.question.id(), codes[i], texts[i]));
            } else if (codes[i] != 0) {
                answers.add(q.choice(codes[i]));
            }
        }
        return answers;
    }
}
