package dev.caregap.read;

import dev.caregap.study.TextKey;

import java.util.List;
import java.util.function.Predicate;

/** Tells the layout of an export from its first rows (up to three), never from the file name. */
final class LayoutRecognition {

    private static final String IMPORT_ID = TextKey.of("{\"ImportId\"");
    private static final String RESPONSE = TextKey.of("Response");
    private static final String OPEN_ENDED = TextKey.of("Open-Ended Response");
    private static final String TIMESTAMP = TextKey.of("Timestamp");

    private LayoutRecognition() {
    }

    /** The layout, or null when the rows look like none of them. */
    static Layout recognise(List<SheetRow> firstRows, List<QuestionIndex> studies) {
        SheetRow first = firstRows.get(0);
        if (firstRows.size() >= 3 && anyCell(firstRows.get(2), key -> key.startsWith(IMPORT_ID))) {
            return Layout.QUALTRICS;
        }
        if (firstRows.size() >= 2 && anyHeader(first, studies, true)
                && HeaderLikeRows.namesTheTagsOf(first, firstRows.get(1), studies)) {
            return Layout.QUALTRICS_NO_IMPORT_IDS; // tags, then question texts: the ImportId row is missing
        }
        // SurveyMonkey's second row: Response under single-column questions, options under the others
        if (firstRows.size() >= 2 && !anyHeader(first, studies, true)
                && (anyCell(firstRows.get(1), key -> key.equals(RESPONSE) || key.equals(OPEN_ENDED))
                    || SurveyMonkeyOptionRow.namesTheOptionsOf(first, firstRows.get(1), studies))) {
            return Layout.SURVEYMONKEY;
        }
        if (TextKey.of(first.cell(0)).equals(TIMESTAMP)) {
            return Layout.GOOGLE_FORMS;
        }
        return anyHeader(first, studies, false) ? Layout.TIDY : null;
    }

    private static boolean anyCell(SheetRow row, Predicate<String> test) {
        for (String cell : row.cells()) {
            if (cell != null && test.test(TextKey.of(cell))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a header of the row is a question id (or, unless idsOnly, any header a study knows). */
    private static boolean anyHeader(SheetRow row, List<QuestionIndex> studies, boolean idsOnly) {
        for (String cell : row.cells()) {
            if (cell == null || cell.isBlank()) {
                continue;
            }
            for (QuestionIndex study : studies) {
                if (idsOnly ? study.isQuestionId(cell) : study.header(cell) != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
