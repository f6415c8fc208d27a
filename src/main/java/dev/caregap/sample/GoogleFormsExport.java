package dev.caregap.sample;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The Google Forms CSV layout: one header row, "Timestamp" then the question texts, a grid's rows as
 * "question [row]". Checkbox answers joined with ", "; no respondent id.
 */
final class GoogleFormsExport implements ExportLayout {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss");

    private final List<Question> questions;
    private final List<List<String>> headers;

    GoogleFormsExport(List<Question> questions) {
        // Google Forms writes the text typed next to "Other" among the checkbox answers, not in a column.
        this.questions = questions.stream().filter(q -> !CareGapQuestionnaire.isOtherText(q)).toList();
        List<String> header = new ArrayList<>();
        header.add("Timestamp");
        for (Question question : this.questions) {
            header.add(question.isMatrixRow() ? question.matrix() + " [" + question.row() + "]" : question.text());
        }
        this.headers = List.of(List.copyOf(header));
    }

    @Override
    public List<List<String>> headerRows() {
        return headers;
    }

    @Override
    public List<String> row(SampleResponse response, long position) {
        List<String> row = new ArrayList<>(headers.get(0).size());
        row.add(TIMESTAMP.format(response.end()));
        for (Question question : questions) {
            if (question.type() == QuestionType.MULTI) {
                List<String> cells = new ArrayList<>();
                for (String chosen : response.choices(question.id())) {
                    boolean other = CareGapQuestionnaire.optionWithText(question, chosen).map(Option::other).orElse(false);
                    String typed = question.otherText() == null ? "" : response.answer(question.otherText());
                    cells.add(other && !typed.isEmpty() ? typed : chosen);
                }
                row.add(String.join(", ", cells));
            } else {
                row.add(response.answer(question.id()));
            }
        }
        return row;
    }
}
