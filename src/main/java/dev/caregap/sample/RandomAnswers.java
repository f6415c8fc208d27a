package dev.caregap.sample;

import dev.caregap.study.Option;
import dev.caregap.study.Question;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plausible answers drawn at random (from a seeded generator) that keep the questionnaire's logic: reasons
 * only from businesses that do not use mobile, "None of these" only alone, a typed text with "Other".
 */
final class RandomAnswers {

    private final Random random;

    RandomAnswers(Random random) {
        this.random = random;
    }

    /** A whole response of a segment, ending at {@code end}, after three to twenty-five minutes. */
    SampleResponse response(String id, String segment, LocalDateTime end) {
        return new SampleResponse(id, segment, end.minusSeconds(180 + random.nextInt(1321)), end, 100,
                answers(segment));
    }

    /** Answers to every question a respondent of the segment is shown, in questionnaire order. */
    Map<String, List<String>> answers(String segment) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Question question : CareGapQuestionnaire.of(segment)) {
            if (question.shownWhen() != null && !List.of(question.shownWhen().answer())
                    .equals(answers.get(question.shownWhen().question()))) {
                continue;
            }
            switch (question.type()) {
                case AGE -> answers.put(question.id(), List.of(String.valueOf(18 + random.nextInt(67))));
                case SINGLE, SCALE -> answers.put(question.id(),
                        List.of(question.options().get(random.nextInt(question.options().size())).text()));
                case MULTI -> choose(question, answers);
                case TEXT -> {
                    if (!CareGapQuestionnaire.isOtherText(question) && random.nextInt(10) == 0) {
                        answers.put(question.id(), List.of(Wording.COMMENTS.get(random.nextInt(Wording.COMMENTS.size()))));
                    }
                }
            }
        }
        return answers;
    }

    private void choose(Question question, Map<String, List<String>> answers) {
        List<String> chosen = new ArrayList<>();
        for (Option option : question.options()) {
            if (!option.exclusive() && random.nextInt(100) < 35) {
                chosen.add(option.text());
            }
        }
        if (chosen.isEmpty()) {
            Option alone = question.options().stream().filter(Option::exclusive).findFirst()
                    .orElse(question.options().get(random.nextInt(question.options().size())));
            chosen.add(alone.text());
        }
        answers.put(question.id(), chosen);
        boolean other = question.options().stream().anyMatch(o -> o.other() && chosen.contains(o.text()));
        if (other && question.otherText() != null) {
            answers.put(question.otherText(),
                    List.of(Wording.OTHER_REASONS.get(random.nextInt(Wording.OTHER_REASONS.size()))));
        }
    }
}
