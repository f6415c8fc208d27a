package dev.caregap.cleaning;

import dev.caregap.read.RawCell;
import dev.caregap.read.RawResponse;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.nio.file.Path;
import java.util.List;

/** Hand-made responses to the Care Gap study, and the cleaner for them. */
final class Responses {

    static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    static final Cleaner CLEANER = new Cleaner(CARE_GAP);
    static final long ROW = 7;

    private Responses() {
    }

    /** A cell of a column that holds the whole answer, headed by the question id. */
    static RawCell cell(String question, String value) {
        return new RawCell(question, question, null, value);
    }

    /** A per-option multi-select column. */
    static RawCell optionCell(String question, String column, String option, String value) {
        return new RawCell(question, column, option, value);
    }

    static RawResponse consumer(RawCell... cells) {
        return response("consumer", cells);
    }

    static RawResponse business(RawCell... cells) {
        return response("business", cells);
    }

    static RawResponse response(String segment, RawCell... cells) {
        return new RawResponse(ROW, segment, "R_1", "2024-05-01 10:00:00", null, null, null, List.of(cells));
    }

    static Cleaned clean(RawResponse raw) {
        return CLEANER.clean(raw);
    }

    static List<Answer> answersTo(Respondent respondent, String question) {
        return respondent.answers().stream().filter(a -> a.question().equals(question)).toList();
    }

    static List<Integer> choicesOf(Respondent respondent, String question) {
        return answersTo(respondent, question).stream().map(Answer::choice).toList();
    }
}
