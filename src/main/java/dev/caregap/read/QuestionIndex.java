package dev.caregap.read;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Study;
import dev.caregap.study.TextKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's questions looked up by the ways exports head their columns: export tag (question id),
 * per-option tag ({@code ID_k}, {@code ID_k_TEXT}), question text, "matrix [row]" and "matrix - row".
 * All keys are {@link TextKey}s; built once per file, so that no row needs a lookup by text.
 */
final class QuestionIndex {

    private final Study study;
    private final Map<String, Question> byId = new HashMap<>();
    private final Map<String, ColumnTarget> byText = new HashMap<>();
    private final Map<String, Map<String, Question>> matrixRows = new HashMap<>();

    QuestionIndex(Study study) {
        this.study = study;
        for (Question q : study.questions()) {
            byId.putIfAbsent(TextKey.of(q.id()), q);
            if (q.text() != null) {
                byText.putIfAbsent(TextKey.of(q.text()), ColumnTarget.whole(q));
            }
        }
        for (Question q : study.questions()) {
            if (q.isMatrixRow()) {
                byText.putIfAbsent(TextKey.of(q.matrix() + " [" + q.row() + "]"), ColumnTarget.whole(q));
                byText.putIfAbsent(TextKey.of(q.matrix() + "[" + q.row() + "]"), ColumnTarget.whole(q));
                byText.putIfAbsent(TextKey.of(q.matrix() + " - " + q.row()), ColumnTarget.whole(q));
                matrixRows.computeIfAbsent(TextKey.of(q.matrix()), k -> new HashMap<>()).putIfAbsent(TextKey.of(q.row()), q);
            }
        }
        // Qualtrics heads per-option columns with "question text - option text" on its second header row.
        for (Question q : study.questions()) {
            if (q.type() == QuestionType.MULTI && q.text() != null) {
                for (Option o : q.options()) {
                    byText.putIfAbsent(TextKey.of(q.text() + " - " + o.text()), new ColumnTarget(q, o.text()));
                }
            }
        }
    }

    Study study() {
        return study;
    }

    /** A one-row header: tag first, then text. */
    ColumnTarget header(String header) {
        return headerByKey(TextKey.of(header));
    }

    /** As {@link #header(String)}, for a header already made a {@link TextKey}. */
    ColumnTarget headerByKey(String key) {
        ColumnTarget target = tagByKey(key);
        return target != null ? target : byText.get(key);
    }

    boolean isQuestionId(String header) {
        return byId.containsKey(TextKey.of(header));
    }

    /** By export tag: {@code ID}, {@code ID_k} (option k of a multi-select) or {@code ID_k_TEXT} (its typed text). */
    ColumnTarget tag(String header) {
        return tagByKey(TextKey.of(header));
    }

    private ColumnTarget tagByKey(String key) {
        Question q = byId.get(key);
        if (q != null) {
            return ColumnTarget.whole(q);
        }
        if (key.endsWith("_text")) {
            Question owner = optionTagOwner(key.substring(0, key.length() - "_text".length()));
            return owner != null && owner.otherText() != null
                    ? study.question(owner.otherText()).map(ColumnTarget::whole).orElse(null) : null;
        }
        int code = optionCode(key);
        Question owner = optionTagOwner(key);
        if (owner != null && owner.type() == QuestionType.MULTI) {
            return owner.option(code).map(o -> new ColumnTarget(owner, o.text())).orElse(null);
        }
        return null;
    }

    /** Every key that names the question: its id (its per-option tags start with it) and its texts in all forms. */
    List<String> keysOf(Question question) {
        List<String> keys = new ArrayList<>();
        keys.add(TextKey.of(question.id()));
        byText.forEach((key, target) -> {
            if (target.question() == question) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** By question text, "matrix [row]", "matrix - row" or "question - option". */
    ColumnTarget text(String header) {
        return byText.get(TextKey.of(header));
    }

    /** A matrix row headed as SurveyMonkey does: the matrix text over the row label. */
    ColumnTarget matrixRow(String matrix, String row) {
        Map<String, Question> rows = matrixRows.get(TextKey.of(matrix));
        Question q = rows == null ? null : rows.get(TextKey.of(row));
        return q == null ? null : ColumnTarget.whole(q);
    }

    /** The option of a question a column label names (its text or an alias), or null. */
    Option option(Question question, String label) {
        String key = TextKey.of(label);
        for (Option o : question.options()) {
            for (String name : o.names()) {
                if (TextKey.of(name).equals(key)) {
                    return o;
                }
            }
        }
        return null;
    }

    private Question optionTagOwner(String key) {
        int cut = key.lastIndexOf('_');
        if (cut <= 0 || optionCode(key) < 1) {
            return null;
        }
        return byId.get(key.substring(0, cut));
    }

    /** The k of {@code ID_k}, or -1. */
    private static int optionCode(String key) {
        int cut = key.lastIndexOf('_');
        if (cut <= 0 || cut == key.length() - 1 || key.length() - cut > 4) {
            return -1;
        }
        int code = 0;
        for (int i = cut + 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }
}
