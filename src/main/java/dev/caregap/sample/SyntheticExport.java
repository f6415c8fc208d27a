package dev.caregap.sample;

import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Large made-up Qualtrics exports of the Care Gap questionnaires, for measuring how fast exports are read.
 * Answers are random but seeded (the same file for the same seed); about 2% of respondents stop early
 * (Finished False), and about one in 200 holds an answer that matches no option.
 */
public final class SyntheticExport {

    private static final List<String> UNREADABLE = List.of("Don't know", "??", "-99", "Atlantis", "maybe");

    private SyntheticExport() {
    }

    /**
     * Streams an export of {@code respondents} responses to {@code file}, one row at a time, so memory does not
     * grow with the count.
     *
     * @param file        where to write (replaced if present)
     * @param segment     {@code consumer} or {@code business}
     * @param respondents how many data rows
     * @param seed        the same seed writes the same bytes
     */
    public static void writeQualtrics(Path file, String segment, long respondents, long seed) {
        writeQualtrics(file, segment, respondents, 0, seed);
    }

    /**
     * The same, with response ids numbered from {@code firstNumber}: exports written with ranges that do not
     * overlap share no respondent, as successive waves of one survey do.
     */
    public static void writeQualtrics(Path file, String segment, long respondents, long firstNumber, long seed) {
        List<Question> questions = CareGapQuestionnaire.of(segment);
        Random random = new Random(seed);
        RandomAnswers answers = new RandomAnswers(random);
        Iterable<SampleResponse> responses = () -> new Iterator<>() {
            private long written;

            @Override
            public boolean hasNext() {
                return written < respondents;
            }

            @Override
            public SampleResponse next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long number = firstNumber + written++;
                LocalDateTime end = CareGapSample.FIELDWORK_START.plusSeconds(number * 3 + random.nextInt(3));
                SampleResponse response = answers.response("R_" + Wording.responseIdCode(number), segment, end);
                if (random.nextInt(200) == 0) {
                    response = unreadable(response, questions, random);
                }
                return random.nextInt(50) == 0 ? response.leftAt(5 + random.nextInt(90)) : response;
            }
        };
        ExportFile.write(file, new QualtricsExport(questions, false, false), CsvStyle.QUALTRICS, responses);
    }

    /** One single-answer question answered with something no option reads as. */
    private static SampleResponse unreadable(SampleResponse response, List<Question> questions, Random random) {
        List<Question> singles = questions.stream()
                .filter(q -> q.type() == QuestionType.SINGLE || q.type() == QuestionType.SCALE).toList();
        Question question = singles.get(random.nextInt(singles.size()));
        return response.with(question.id(), UNREADABLE.get(random.nextInt(UNREADABLE.size())));
    }
}
