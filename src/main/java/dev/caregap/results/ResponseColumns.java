package dev.caregap.results;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The columns of a study's responses.csv after the export file (see {@link ResponsesCsv}), and a respondent's row in
 * them. What is the same for every row is worked out once per study: the column of each question id, and each
 * option's cell as written, since most answers are one option. Immutable, so one serves every thread.
 */
final class ResponseColumns {

    /** Studies are loaded once and kept; one whose definition changes is a new instance with columns of its own. */
    private static final Map<Study, ResponseColumns> OF_STUDY = Collections.synchronizedMap(new WeakHashMap<>());
    /** Answers come in study order, so the question an answer is to is looked for this many columns on first. */
    private static final int LOOK_AHEAD = 8;

    private final Question[] questions;
    private final String[] ids;
    private final Map<String, Integer> columnOf = new HashMap<>();
    /** Per column, each option's cell as {@link SafeCsv#appendCell} writes it, with the comma before it. */
    private final String[][] optionCells;

    private ResponseColumns(Study study) {
        questions = study.questions().toArray(Question[]::new);
        ids = new String[questions.length];
        optionCells = new String[questions.length][];
        for (int column = 0; column < questions.length; column++) {
            Question question = questions[column];
            ids[column] = question.id();
            columnOf.putIfAbsent(question.id(), column);
            optionCells[column] = question.options().stream()
                    .map(o -> SafeCsv.appendCell(new StringBuilder(","), o.text()).toString())
                    .toArray(String[]::new);
        }
    }

    static ResponseColumns of(Study study) {
        return OF_STUDY.computeIfAbsent(study, ResponseColumns::new);
    }

    /** The row's cells after the export file: row, respondent id, segment, end, weight, then each question's answer. */
    List<String> cells(Respondent respondent) {
        List<String> cells = new ArrayList<>(5 + questions.length);
        cells.add(Long.toString(respondent.row()));
        cells.add(respondent.respondentId());
        cells.add(respondent.segment());
        cells.add(InstantText.of(respondent.endedAt()));
        cells.add(weight(respondent));
        Grouped answers = new Grouped(respondent.answers());
        for (int column = 0; column < questions.length; column++) {
            cells.add(answers.text(column));
        }
        return cells;
    }

    /** Appends the row as {@link SafeCsv#row(List)} would write {@link #cells}, without its line end. */
    void appendRow(StringBuilder row, Respondent respondent) {
        // a whole number is never formula-like and holds no quote: appended as it is, no text made of it
        row.append('"').append(respondent.row()).append("\",");
        SafeCsv.appendCell(row, respondent.respondentId()).append(',');
        SafeCsv.appendCell(row, respondent.segment()).append(',');
        SafeCsv.appendCell(row, InstantText.of(respondent.endedAt())).append(',');
        SafeCsv.appendCell(row, weight(respondent));
        Grouped answers = new Grouped(respondent.answers());
        for (int column = 0; column < questions.length; column++) {
            if (answers.count(column) == 1 && questions[column].type() != QuestionType.TEXT) {
                row.append(optionCell(column, answers.first(column)));
            } else {
                SafeCsv.appendCell(row.append(','), answers.text(column));
            }
        }
    }

    private static String weight(Respondent respondent) {
        // nearly every weight is 1: spare it the decimal that writes any other
        return respondent.weight() == 1 ? "1" : FigureNumbers.plain(respondent.weight());
    }

    private String optionCell(int column, Answer answer) {
        String[] cells = optionCells[column];
        int code = answer.choice();
        if (code < 1 || code > cells.length) {
            throw noOption(column, answer);
        }
        return cells[code - 1];
    }

    private Option option(int column, Answer answer) {
        return questions[column].option(answer.choice()).orElseThrow(() -> noOption(column, answer));
    }

    private IllegalArgumentException noOption(int column, Answer answer) {
        return new IllegalArgumentException("answer " + answer.choice() + " to " + ids[column]
                + " matches no option of the study");
    }

    /** The column of the question an answer is to, or -1 when the study has none; {@code after} is the last found. */
    private int column(String questionId, int after) {
        for (int column = Math.max(after, 0); column < Math.min(ids.length, after + LOOK_AHEAD); column++) {
            if (ids[column].equals(questionId)) {
                return column;
            }
        }
        Integer column = columnOf.get(questionId);
        return column == null ? -1 : column;
    }

    /**
     * A respondent's answers by column, in their order within a column: the answers' indexes sorted by column (a
     * counting sort; no map or list per row). Answers to a question the study does not define are left out.
     */
    private final class Grouped {

        private final List<Answer> answers;
        /** Answers of column c are {@code order[start[c]]} to {@code order[start[c + 1] - 1]}. */
        private final int[] start = new int[ids.length + 1];
        private final int[] order;

        Grouped(List<Answer> answers) {
            this.answers = answers;
            int[] columns = new int[answers.size()];
            int last = 0;
            int grouped = 0;
            for (int i = 0; i < columns.length; i++) {
                int column = column(answers.get(i).question(), last);
                columns[i] = column;
                if (column >= 0) {
                    start[column + 1]++;
                    last = column;
                    grouped++;
                }
            }
            for (int column = 0; column < ids.length; column++) {
                start[column + 1] += start[column];
            }
            order = new int[grouped];
            int[] next = Arrays.copyOf(start, ids.length);
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] >= 0) {
                    order[next[columns[i]]++] = i;
                }
            }
        }

        int count(int column) {
            return start[column + 1] - start[column];
        }

        Answer first(int column) {
            return answers.get(order[start[column]]);
        }

        /**
         * The column's cell before {@link SafeCsv} keeps it from formulas: a single, scale or age answer as its
         * option's text, a multi-select as the chosen options' texts in questionnaire order joined with "; ", open
         * text as typed (several joined the same way); empty when not answered.
         */
        String text(int column) {
            int count = count(column);
            if (count == 0) {
                return "";
            }
            boolean open = questions[column].type() == QuestionType.TEXT;
            if (count == 1) {
                Answer answer = first(column);
                return open ? (answer.text() == null ? "" : answer.text()) : option(column, answer).text();
            }
            List<String> texts = new ArrayList<>(count);
            if (open) {
                for (int i = start[column]; i < start[column + 1]; i++) {
                    String text = answers.get(order[i]).text();
                    if (text != null) {
                        texts.add(text);
                    }
                }
                return String.join(ResponsesCsv.MULTI_SEPARATOR, texts);
            }
            // the chosen options once each, in questionnaire order: as the cleaner gives them, or sorted here
            List<Option> chosen = new ArrayList<>(count);
            boolean inOrder = true;
            for (int i = start[column]; i < start[column + 1]; i++) {
                Option option = option(column, answers.get(order[i]));
                inOrder &= chosen.isEmpty() || chosen.get(chosen.size() - 1).code() < option.code();
                chosen.add(option);
            }
            if (!inOrder) {
                List<Option> distinct = new ArrayList<>(chosen.stream().distinct().toList());
                distinct.sort(Comparator.comparingInt(Option::code));
                chosen = distinct;
            }
            chosen.forEach(o -> texts.add(o.text()));
            return String.join(ResponsesCsv.MULTI_SEPARATOR, texts);
        }
    }
}
