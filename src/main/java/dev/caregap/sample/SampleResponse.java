package dev.caregap.sample;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One response as an export writes it: the answers are the texts the respondent's row holds (a multi-select
 * answer lists its chosen options), so a value may be spelt as people spell it ("USA", "34 years").
 *
 * @param id       the tool's respondent id (Google Forms writes none)
 * @param segment  {@link CareGapQuestionnaire#CONSUMER} or {@link CareGapQuestionnaire#BUSINESS}
 * @param start    when the respondent began
 * @param end      when the respondent finished or left
 * @param progress percent of the questionnaire seen; below 100 the response is incomplete
 * @param answers  by question id, in questionnaire order; an unanswered question has no entry
 */
public record SampleResponse(String id, String segment, LocalDateTime start, LocalDateTime end, int progress,
                             Map<String, List<String>> answers) {

    public SampleResponse {
        answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    public boolean finished() {
        return progress >= 100;
    }

    /** The single answer to a question, or the empty text when unanswered. */
    public String answer(String questionId) {
        List<String> values = answers.get(questionId);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** The options chosen for a multi-select question, empty when unanswered. */
    public List<String> choices(String questionId) {
        return answers.getOrDefault(questionId, List.of());
    }

    /** The same response with one answer written differently (or removed, for an empty list). */
    public SampleResponse with(String questionId, List<String> values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(answers);
        if (values.isEmpty()) {
            changed.remove(questionId);
        } else {
            changed.put(questionId, List.copyOf(values));
        }
        return new SampleResponse(id, segment, start, end, progress, changed);
    }

    public SampleResponse with(String questionId, String value) {
        return with(questionId, value.isEmpty() ? List.of() : List.of(value));
    }

    /**
     * The same response from a respondent who left at {@code percent} of the questionnaire: progress below
     * 100, and only the questions before that point answered.
     */
    public SampleResponse leftAt(int percent) {
        var questions = CareGapQuestionnaire.of(segment);
        int seen = questions.size() * percent / 100;
        Map<String, List<String>> answered = new LinkedHashMap<>();
        for (var question : questions.subList(0, seen)) {
            List<String> values = answers.get(question.id());
            if (values != null) {
                answered.put(question.id(), values);
            }
        }
        return new SampleResponse(id, segment, start, end, percent, answered);
    }

    /** The same answers given by another respondent id, or at another time. */
    public SampleResponse as(String otherId, LocalDateTime otherStart, LocalDateTime otherEnd) {
        return new SampleResponse(otherId, segment, otherStart, otherEnd, progress, answers);
    }
}
