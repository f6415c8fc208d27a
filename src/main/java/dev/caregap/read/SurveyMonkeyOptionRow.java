package dev.caregap.read;

import java.util.List;

/**
 * Tells SurveyMonkey's second header row by the options it names, for an export whose second row holds no
 * "Response" (every question spread over columns, or exported without it). SurveyMonkey writes a multi-column
 * question's text (a multi-select, a matrix) over its first column only, the first row's cells over the rest left
 * blank, and names each column's option or matrix row in the second row; it leaves the second row blank under its
 * own columns (Respondent ID, Collector ID, Start Date ...).
 *
 * <p>The row is such a row when it is blank under every metadata column and most of its cells under the questions
 * the first row spreads over several columns (more than half, and at least two) name an option of that question
 * or a row of that matrix, as the study knows them. A respondent's row answers under Respondent ID or End Date,
 * and its answers seldom name the option of the very column they stand in. Personal-data columns are not looked at.
 */
final class SurveyMonkeyOptionRow {

    private SurveyMonkeyOptionRow() {
    }

    /** Whether {@code row}, below the first row {@code questions}, names the options of the questions spread over columns. */
    static boolean namesTheOptionsOf(SheetRow questions, SheetRow row, List<QuestionIndex> studies) {
        int width = Math.max(questions.size(), row.size());
        for (int column = 0; column < width; column++) {
            MetadataColumn meta = MetadataColumn.of(questions.cell(column));
            if (meta != null && meta != MetadataColumn.PERSONAL && !row.cell(column).isBlank()) {
                return false;
            }
        }
        for (QuestionIndex index : studies) {
            int looked = 0;
            int named = 0;
            int start = 0;
            while (start < width) {
                int end = start + 1;
                while (end < width && questions.cell(end).isBlank()) {
                    end++;
                }
                String heading = questions.cell(start);
                if (end - start > 1 && !heading.isBlank() && MetadataColumn.of(heading) == null) {
                    ColumnTarget question = index.header(heading);
                    for (int column = start; column < end; column++) {
                        String cell = row.cell(column);
                        if (cell.isBlank()) {
                            continue;
                        }
                        looked++;
                        if (question != null ? question.option() == null && index.option(question.question(), cell) != null
                                : index.matrixRow(heading, cell) != null) {
                            named++;
                        }
                    }
                }
                start = end;
            }
            if (named >= 2 && named * 2 > looked) {
                return true;
            }
        }
        return false;
    }
}
