package dev.caregap.sample;

import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The tidy layout an analyst writes by hand or from R/SPSS: one header row of question ids after
 * {@code respondent_id}, {@code end_date} (ISO 8601) and, when asked for, {@code segment}. Multi-select
 * answers joined with "; ".
 */
final class TidyExport implements ExportLayout {

    /** ISO 8601 with seconds always written (the ISO formatter leaves out ":00"). */
    private static final DateTimeFormatter END_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final List<Question> questions;
    private final boolean segmentColumn;
    private final List<List<String>> headers;

    TidyExport(List<Question> questions, boolean segmentColumn) {
        this.questions = List.copyOf(questions);
        this.segmentColumn = segmentColumn;
        List<String> header = new ArrayList<>(List.of("respondent_id", "end_date"));
        if (segmentColumn) {
            header.add("segment");
        }
        questions.forEach(q -> header.add(q.id()));
        this.headers = List.of(List.copyOf(header));
    }

    @Override
    public List<List<String>> headerRows() {
        return headers;
    }

    @Override
    public List<String> row(SampleResponse response, long position) {
        List<String> row = new ArrayList<>(headers.get(0).size());
        row.add(response.id());
        row.add(END_DATE.format(response.end()));
        if (segmentColumn) {
            row.add(response.segment());
        }
        for (Question question : questions) {
            row.add(question.type() == QuestionType.MULTI ? String.join("; ", response.choices(question.id()))
                    : response.answer(question.id()));
        }
        return row;
    }
}
