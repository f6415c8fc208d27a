package dev.caregap.read;

import dev.caregap.study.TextKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a row that names the questions instead of answering them: the question texts of the study (as its YAML
 * knows them, also "text - option" and matrix rows) or the file's own header again. Such a row is never a
 * respondent. It is Qualtrics' second header row when the third (ImportId) row is missing, or the header of a second
 * export pasted below the first.
 *
 * <p>A row is such a row when most of the question cells looked at (more than half, and at least two unless the
 * file maps a single question) name their own column's question. Answers are option texts, numbers or free text,
 * which name no question: one free text that happens to repeat its question's text does not make a row a header.
 */
final class HeaderLikeRows {

    /** Data rows are judged on their first few non-blank question cells, so that a long file is not slowed down. */
    private static final int CELLS_LOOKED_AT = 4;

    private final ColumnMap columns;
    /** Per mapped column: the first header row's cell as a text key, or "" when blank. */
    private final String[] headerKeys;
    /** Per mapped column: the shortest key that names its question, and the first characters of those keys. */
    private final int[] shortestName;
    private final String[] firstChars;

    HeaderLikeRows(ColumnMap columns, SheetRow firstHeaderRow) {
        this.columns = columns;
        int n = columns.mappedColumns();
        this.headerKeys = new String[n];
        this.shortestName = new int[n];
        this.firstChars = new String[n];
        for (int i = 0; i < n; i++) {
            headerKeys[i] = TextKey.of(firstHeaderRow.cell(columns.questionColumns[i]));
            List<String> names = new ArrayList<>(columns.index.keysOf(columns.study.question(columns.questionIds[i]).orElseThrow()));
            if (!headerKeys[i].isEmpty()) {
                names.add(headerKeys[i]);
            }
            int shortest = Integer.MAX_VALUE;
            StringBuilder first = new StringBuilder();
            for (String name : names) {
                shortest = Math.min(shortest, name.length());
                if (!name.isEmpty() && first.indexOf(name.substring(0, 1)) < 0) {
                    first.append(name.charAt(0));
                }
            }
            shortestName[i] = shortest;
            firstChars[i] = first.toString();
        }
    }

    /** Whether a data row names the questions (the header again, or the question texts) rather than answering them. */
    boolean test(SheetRow row) {
        int looked = 0;
        int named = 0;
        for (int i = 0; i < headerKeys.length && looked < CELLS_LOOKED_AT && looked - named < 2; i++) {
            String cell = row.cell(columns.questionColumns[i]);
            if (cell.isBlank()) {
                continue;
            }
            looked++;
            if (names(i, cell)) {
                named++;
            }
        }
        return isHeaderLike(named, looked, headerKeys.length);
    }

    private boolean names(int i, String cell) {
        if (cannotName(i, cell)) {
            return false;
        }
        String key = TextKey.of(cell);
        if (key.equals(headerKeys[i])) {
            return true;
        }
        ColumnTarget target = columns.index.headerByKey(key);
        return target != null && target.question().id().equals(columns.questionIds[i]);
    }

    /**
     * Whether the second of a file's rows holds the texts of the questions whose ids (tags) the first holds, as
     * Qualtrics writes them: then the file is a Qualtrics export without its ImportId row. Known metadata columns
     * count too ("Start Date" under StartDate); personal-data columns are not looked at.
     */
    static boolean namesTheTagsOf(SheetRow tags, SheetRow row, List<QuestionIndex> studies) {
        for (QuestionIndex index : studies) {
            int headed = 0;
            int looked = 0;
            int named = 0;
            for (int column = 0; column < tags.size(); column++) {
                String tag = tags.cell(column);
                ColumnTarget question = index.tag(tag);
                MetadataColumn meta = question == null ? MetadataColumn.of(tag) : null;
                if (question == null && (meta == null || meta == MetadataColumn.PERSONAL)) {
                    continue;
                }
                headed++;
                String cell = row.cell(column);
                if (cell.isBlank()) {
                    continue;
                }
                looked++;
                ColumnTarget target = question == null ? null : index.header(cell);
                if (question != null ? target != null && target.question() == question.question() : MetadataColumn.of(cell) == meta) {
                    named++;
                }
            }
            if (isHeaderLike(named, looked, headed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHeaderLike(int named, int looked, int columns) {
        return named >= Math.min(2, columns) && named > 0 && named * 2 > looked;
    }

    /**
     * A quick look that most answers need no more than: an ASCII text shorter than any name of the question (its text
     * key is never longer), or whose first letter starts none of them (NFKC keeps an ASCII letter that no other
     * character follows up), names it not.
     */
    private boolean cannotName(int i, String cell) {
        int start = 0;
        while (start < cell.length() && Character.isWhitespace(cell.charAt(start))) {
            start++;
        }
        if (cell.length() - start < shortestName[i]) {
            return isAscii(cell);
        }
        char c = cell.charAt(start);
        if (c >= 0x80 || (start + 1 < cell.length() && cell.charAt(start + 1) >= 0x80)) {
            return false;
        }
        return firstChars[i].indexOf(c >= 'A' && c <= 'Z' ? c + 32 : c) < 0;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
