package dev.caregap.sample;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SurveyMonkey CSV layout: row 1 metadata names and each question's text over its first column, row 2
 * "Response", "Open-Ended Response", a multi-select's option texts or a matrix's row labels. A multi-select
 * cell holds the option text when chosen; under "Other (please specify)" it holds the typed text.
 */
final class SurveyMonkeyExport implements ExportLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
    private static final List<String> METADATA = List.of("Respondent ID", "Collector ID", "Start Date", "End Date",
            "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1");
    private static final String COLLECTOR_ID = "431856207";

    private final List<Question> questions;
    private final List<List<String>> headers;

    SurveyMonkeyExport(List<Question> questions) {
        // The text typed next to "Other" has no column of its own: it fills the Other option's column.
        this.questions = questions.stream().filter(q -> !CareGapQuestionnaire.isOtherText(q)).toList();
        this.headers = buildHeaders();
    }

    @Override
    public List<List<String>> headerRows() {
        return headers;
    }

    @Override
    public List<String> row(SampleResponse response, long position) {
        List<String> row = new ArrayList<>(headers.get(0).size());
        row.add(response.id());
        row.add(COLLECTOR_ID);
        row.add(DATE.format(response.start()));
        row.add(DATE.format(response.end()));
        row.add(FakeIdentity.ipAddress(position));
        row.add(FakeIdentity.email(position));
        row.add(FakeIdentity.firstName(position));
        row.add(FakeIdentity.lastName(position));
        row.add("");
        for (Question question : questions) {
            if (question.type() == QuestionType.MULTI) {
                List<String> chosen = response.choices(question.id());
                for (Option option : question.options()) {
                    if (!chosen.contains(option.text())) {
                        row.add("");
                    } else if (option.other() && question.otherText() != null
                            && !response.answer(question.otherText()).isEmpty()) {
                        row.add(response.answer(question.otherText()));
                    } else {
                        row.add(option.text());
                    }
                }
            } else {
                row.add(response.answer(question.id()));
            }
        }
        return row;
    }

    private List<List<String>> buildHeaders() {
        List<String> first = new ArrayList<>(METADATA);
        List<String> second = new ArrayList<>(METADATA.stream().map(m -> "").toList());
        String matrix = null;
        for (Question question : questions) {
            if (question.isMatrixRow()) {
                first.add(question.matrix().equals(matrix) ? "" : question.matrix());
                second.add(question.row());
                matrix = question.matrix();
                continue;
            }
            matrix = null;
            switch (question.type()) {
                case MULTI -> {
                    for (Option option : question.options()) {
                        first.add(option.code() == 1 ? question.text() : "");
                        second.add(option.text());
                    }
                }
                case TEXT, AGE -> {
                    first.add(question.text());
                    second.add("Open-Ended Response");
                }
                default -> {
                    first.add(question.text());
                    second.add("Response");
                }
            }
        }
        return List.of(List.copyOf(first), List.copyOf(second));
    }
}
