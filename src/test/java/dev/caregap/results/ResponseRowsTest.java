package dev.caregap.results;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Study;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.caregap.results.RunFixtures.CARE_GAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rows of responses.csv, as an export's writer, {@link ResponsesCsv#write} and {@link ResponsesCsv#cells} give
 * them, are byte for byte what they were when each row's cells were gathered through a map and lists and printed by
 * Commons CSV (that writing is kept below as the reference). On random respondents of the care-gap study: awkward
 * ids, segments and open texts, end times with and without fractions (before 1970 too), any weight, answers out of
 * study order, multi-selects chosen out of order and twice, several open texts to one question, answers to questions
 * the study does not define, and null where a respondent may hold none.
 */
class ResponseRowsTest {

    private static final CSVFormat EVERY_CELL_QUOTED = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    @Property(tries = 100)
    void everyWriterOfTheRowsWritesWhatTheWritingBeforeDid(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        List<Respondent> respondents = new ArrayList<>();
        for (int i = random.nextInt(40); i >= 0; i--) {
            respondents.add(respondent(random, false));
        }
        List<Respondent> included = respondents.stream().filter(Respondent::included).toList();
        String exportFile = random.nextBoolean() ? "export.csv" : AwkwardCells.text(random);
        Path folder = Files.createTempDirectory("response-rows");
        try {
            // while an export is read: its rows without the export file
            ExportResponses exports = new ExportResponses(folder.resolve("responses"));
            try (ExportResponses.Writer writer = exports.writer(CARE_GAP, 7, "0123456789abcdef", r -> true)) {
                respondents.forEach(writer::add);
                assertThat(writer.complete()).isTrue();
            }
            List<List<String>> withoutFile = included.stream()
                    .map(r -> referenceCells(CARE_GAP, null, r))
                    .map(cells -> cells.subList(1, cells.size()))
                    .toList();
            assertSameBytes(exports.file(CARE_GAP, 7, "0123456789abcdef"), referenceCsv(null, withoutFile));

            // from the database: the whole file
            Path file = folder.resolve("responses.csv");
            long rows = ResponsesCsv.write(file, CARE_GAP, consumer -> included.forEach(r -> consumer.accept(exportFile, r)));
            assertThat(rows).isEqualTo(included.size());
            List<List<String>> whole = included.stream().map(r -> referenceCells(CARE_GAP, exportFile, r)).toList();
            assertSameBytes(file, referenceCsv(ResponsesCsv.header(CARE_GAP), whole));

            // the cells the workbook shows
            for (Respondent respondent : included) {
                assertThat(ResponsesCsv.cells(CARE_GAP, exportFile, respondent))
                        .isEqualTo(referenceCells(CARE_GAP, exportFile, respondent));
            }
        } finally {
            Folders.delete(folder);
        }
    }

    @Property(tries = 50)
    void anAnswerThatMatchesNoOptionFailsAsBefore(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Respondent respondent = respondent(random, true);
        String expected = failure(() -> referenceCells(CARE_GAP, "f.csv", respondent));
        assertThat(expected).contains("matches no option of the study");

        assertThatThrownBy(() -> ResponsesCsv.cells(CARE_GAP, "f.csv", respondent))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        Path folder = Files.createTempDirectory("response-rows");
        try {
            assertThatThrownBy(() -> ResponsesCsv.write(folder.resolve("responses.csv"), CARE_GAP,
                    consumer -> consumer.accept("f.csv", respondent)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            // an export's file is left out, to be written from the database when a run needs it
            ExportResponses exports = new ExportResponses(folder.resolve("responses"));
            try (ExportResponses.Writer writer = exports.writer(CARE_GAP, 1, null, r -> true)) {
                writer.add(respondent);
                assertThat(writer.complete()).isFalse();
            }
            assertThat(exports.file(CARE_GAP, 1, null)).doesNotExist();
        } finally {
            Folders.delete(folder);
        }
    }

    /** The same bytes; compared as text first, for a readable difference. */
    static void assertSameBytes(Path file, String expected) throws IOException {
        byte[] written = Files.readAllBytes(file);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(written).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(Runnable writing) {
        try {
            writing.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the reference writing took an answer that matches no option");
    }

    /** A random respondent; with {@code unmatched}, one of its answers is a code that no option of its question has. */
    private static Respondent respondent(Random random, boolean unmatched) {
        List<Answer> answers = new ArrayList<>();
        for (Question question : CARE_GAP.questions()) {
            if (random.nextInt(5) < 2) {
                continue;
            }
            int options = question.options().size();
            switch (question.type()) {
                case TEXT -> {
                    for (int i = random.nextInt(8) == 0 ? 2 + random.nextInt(2) : 1; i > 0; i--) {
                        answers.add(Answer.text(question.id(), random.nextInt(6) == 0 ? null : AwkwardCells.text(random)));
                    }
                }
                case MULTI -> {
                    List<Integer> codes = new ArrayList<>();
                    for (int code = 1; code <= options; code++) {
                        if (random.nextInt(3) == 0) {
                            codes.add(code);
                        }
                    }
                    if (random.nextInt(4) == 0 && !codes.isEmpty()) {
                        codes.add(codes.get(random.nextInt(codes.size())));  // chosen twice
                    }
                    if (random.nextInt(4) == 0) {
                        Collections.shuffle(codes, random);
                    }
                    codes.forEach(code -> answers.add(Answer.choice(question.id(), code)));
                }
                case AGE -> answers.add(new Answer(question.id(), 1 + random.nextInt(options), Integer.toString(18 + random.nextInt(70))));
                default -> {
                    answers.add(Answer.choice(question.id(), 1 + random.nextInt(options)));
                    if (random.nextInt(20) == 0) {
                        answers.add(Answer.choice(question.id(), 1 + random.nextInt(options)));  // a second answer
                    }
                }
            }
        }
        if (random.nextInt(5) == 0) {
            answers.add(random.nextInt(answers.size() + 1), Answer.choice("NOT_IN_THE_STUDY", 1));
        }
        if (random.nextInt(5) == 0) {
            Collections.shuffle(answers, random);
        }
        if (unmatched) {
            List<Question> choices = CARE_GAP.questions().stream().filter(q -> q.type() != QuestionType.TEXT).toList();
            Question question = choices.get(random.nextInt(choices.size()));
            int code = random.nextBoolean() ? question.options().size() + 1 + random.nextInt(3) : -random.nextInt(2);
            answers.add(random.nextInt(answers.size() + 1), Answer.choice(question.id(), code));
        }
        return new Respondent(2 + random.nextInt(1_000_000), pick(random, "R_" + Long.toString(random.nextLong(), 36)),
                pick(random, random.nextBoolean() ? "consumer" : "business"), endedAt(random), weight(random),
                unmatched || random.nextInt(10) > 0 ? null : Exclusion.values()[random.nextInt(Exclusion.values().length)],
                answers);
    }

    /** Mostly {@code usual}, else null or an awkward text. */
    private static String pick(Random random, String usual) {
        int draw = random.nextInt(10);
        return draw == 0 ? null : draw == 1 ? AwkwardCells.text(random) : usual;
    }

    private static Instant endedAt(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L), random.nextInt(1_000_000_000));
            case 2 -> Instant.ofEpochSecond(1_770_000_000L + random.nextInt(10_000_000), random.nextInt(1000) * 1_000_000L);
            default -> Instant.ofEpochSecond(1_770_000_000L + random.nextInt(10_000_000));
        };
    }

    private static double weight(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextDouble() * 3;
            case 1 -> new double[]{0.5, 1.25, 2, 10, 1e-7, 123_456_789.125, -1, 0, Double.NaN, Double.POSITIVE_INFINITY}[random.nextInt(10)];
            default -> 1;
        };
    }

    /** responses.csv as Commons CSV printed it: the header (with a byte order mark) when given, then the rows. */
    private static String referenceCsv(List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        CSVFormat format = EVERY_CELL_QUOTED;
        if (header != null) {
            out.append(SafeCsv.BYTE_ORDER_MARK);
            format = format.builder().setHeader(header.toArray(String[]::new)).get();
        }
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(SafeCsv::cell).toList());
            }
        }
        return out.toString();
    }

    /** A row's cells as they were gathered before: the answers grouped by question in a map, joined by streams. */
    private static List<String> referenceCells(Study study, String exportFile, Respondent respondent) {
        List<String> cells = new ArrayList<>();
        cells.add(exportFile);
        cells.add(Long.toString(respondent.row()));
        cells.add(respondent.respondentId());
        cells.add(respondent.segment());
        cells.add(respondent.endedAt() == null ? "" : respondent.endedAt().toString());
        cells.add(FigureNumbers.plain(respondent.weight()));
        Map<String, List<Answer>> byQuestion = new HashMap<>();
        for (Answer answer : respondent.answers()) {
            byQuestion.computeIfAbsent(answer.question(), q -> new ArrayList<>()).add(answer);
        }
        for (Question question : study.questions()) {
            List<Answer> answers = byQuestion.get(question.id());
            cells.add(answers == null ? "" : referenceText(question, answers));
        }
        return cells;
    }

    private static String referenceText(Question question, List<Answer> answers) {
        if (question.type() == QuestionType.TEXT) {
            return answers.stream().map(Answer::text).filter(t -> t != null).collect(Collectors.joining("; "));
        }
        return answers.stream()
                .map(a -> question.option(a.choice()).orElseThrow(() -> new IllegalArgumentException(
                        "answer " + a.choice() + " to " + question.id() + " matches no option of the study")))
                .distinct()
                .sorted((a, b) -> Integer.compare(a.code(), b.code()))
                .map(Option::text)
                .collect(Collectors.joining("; "));
    }
}
