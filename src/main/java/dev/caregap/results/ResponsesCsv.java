package dev.caregap.results;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.ResponseSource;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * responses.csv: the cleaned tidy data of the included respondents, one row each, written as they
 * stream in (never all in memory). After the respondent's export file, row, id, segment, end and
 * weight comes one column per question of the study, in study order: a single, scale or age answer as
 * its option's text (the age band, not the years typed), a multi-select as the chosen options' texts in
 * questionnaire order joined with "; ", open text as typed. A question not answered is empty.
 * Answers to a question the study does not define have no column and are not written.
 */
public final class ResponsesCsv {

    static final String FILE = "responses.csv";
    static final String MULTI_SEPARATOR = "; ";

    private static final List<String> RESPONDENT_COLUMNS = List.of("export_file", "row", "respondent_id",
            "segment", "ended_at", "weight");

    private ResponsesCsv() {
    }

    /** The columns: the respondent's export file, row, id, segment, end and weight, then each question of the study. */
    public static List<String> header(Study study) {
        List<String> header = new ArrayList<>(RESPONDENT_COLUMNS);
        study.questions().forEach(q -> header.add(q.id()));
        return header;
    }

    static void write(Path file, Study study, ResponseSource responses) throws IOException {
        try (SafeCsv csv = SafeCsv.create(file, header(study))) {
            responses.forEach((exportFile, respondent) -> csv.rowUnchecked(cells(study, exportFile, respondent)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<String> cells(Study study, String exportFile, Respondent respondent) {
        List<String> cells = new ArrayList<>(RESPONDENT_COLUMNS.size() + study.questions().size());
        cells.add(exportFile);
        cells.add(Long.toString(respondent.row()));
        cells.add(respondent.respondentId());
        cells.add(respondent.segment());
        cells.add(respondent.endedAt() == null ? "" : respondent.endedAt().toString());
        cells.add(FigureNumbers.plain(respondent.weight()));
        cells.addAll(answers(study, respondent));
        return cells;
    }

    /** The respondent's answer to each question of the study, in study order, as the question columns show it. */
    public static List<String> answers(Study study, Respondent respondent) {
        Map<String, List<Answer>> byQuestion = new HashMap<>();
        for (Answer answer : respondent.answers()) {
            byQuestion.computeIfAbsent(answer.question(), q -> new ArrayList<>()).add(answer);
        }
        List<String> cells = new ArrayList<>(study.questions().size());
        for (Question question : study.questions()) {
            List<Answer> answers = byQuestion.get(question.id());
            cells.add(answers == null ? "" : answerText(question, answers));
        }
        return cells;
    }

    private static String answerText(Question question, List<Answer> answers) {
        if (question.type() == QuestionType.TEXT) {
            return answers.stream().map(Answer::text).filter(t -> t != null).collect(Collectors.joining(MULTI_SEPARATOR));
        }
        return answers.stream()
                .map(a -> option(question, a))
                .distinct()
                .sorted((a, b) -> Integer.compare(a.code(), b.code()))
                .map(Option::text)
                .collect(Collectors.joining(MULTI_SEPARATOR));
    }

    private static Option option(Question question, Answer answer) {
        return question.option(answer.choice()).orElseThrow(() -> new IllegalArgumentException(
                "answer " + answer.choice() + " to " + question.id() + " matches no option of the study"));
    }
}
