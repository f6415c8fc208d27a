package dev.caregap.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.caregap.sample.CareGapQuestionnaire.BUSINESS;
import static dev.caregap.sample.CareGapQuestionnaire.CONSUMER;

/**
 * Writes the Care Gap sample exports: the included respondents of {@link CareGapSample} spread over files in
 * the layouts of Qualtrics (choice texts; numeric values), Google Forms, SurveyMonkey and a tidy CSV, with a
 * few rows that the analysis rules (docs/analysis-rules.md) exclude and answers spelt the ways people spell
 * them. Same bytes every run.
 */
public final class SampleInput {

    static final int QUALTRICS_TEXT_CONSUMERS = 600;
    static final int QUALTRICS_NUMERIC_CONSUMERS = 200;
    static final int SURVEYMONKEY_BUSINESSES = 400;

    private static final long EXTRA_SEED = 16L;

    private SampleInput() {
    }

    /** Writes the sample into the folder given as the first argument (default {@code sample-input}). */
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "sample-input");
        List<Path> written = write(folder);
        written.forEach(path -> System.out.println("wrote " + path));
    }

    /** Writes every sample file and the README into {@code folder}; returns the paths written. */
    public static List<Path> write(Path folder) {
        List<SampleFile> files = files(CareGapSample.build());
        List<Path> written = new ArrayList<>();
        for (SampleFile file : files) {
            Path path = folder.resolve(file.name());
            ExportFile.write(path, file.layout(), file.style(), file.rows());
            written.add(path);
        }
        Path readme = folder.resolve("README.md");
        try {
            Files.writeString(readme, SampleReadme.of(files), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + readme, e);
        }
        written.add(readme);
        // The files' exact bytes (CRLF, Windows-1252) are part of what they exercise: git must not convert them.
        Path attributes = folder.resolve(".gitattributes");
        try {
            Files.writeString(attributes, "* -text\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + attributes, e);
        }
        written.add(attributes);
        return written;
    }

    /** The sample's files, in the order they are listed. */
    static List<SampleFile> files(CareGapSample sample) {
        RandomAnswers extra = new RandomAnswers(new Random(EXTRA_SEED));
        List<SampleResponse> consumers = sample.consumers();
        List<SampleResponse> businesses = sample.businesses();
        int numericEnd = QUALTRICS_TEXT_CONSUMERS + QUALTRICS_NUMERIC_CONSUMERS;
        return List.of(
                qualtricsText(consumers.subList(0, QUALTRICS_TEXT_CONSUMERS), extra),
                qualtricsNumeric(consumers.subList(QUALTRICS_TEXT_CONSUMERS, numericEnd), extra),
                googleForms(consumers.subList(numericEnd, consumers.size()), extra),
                surveyMonkey(businesses.subList(0, SURVEYMONKEY_BUSINESSES)),
                tidy(businesses.subList(SURVEYMONKEY_BUSINESSES, businesses.size()),
                        businesses.get(17), extra));
    }

    private static SampleFile qualtricsText(List<SampleResponse> included, RandomAnswers extra) {
        List<SampleResponse> rows = new ArrayList<>(included);
        // Listed after the response that replaced it: the end timestamp decides, not the order of rows.
        SampleResponse later = included.get(100);
        SampleResponse earlier = extra.response(later.id(), CONSUMER, later.end().minusHours(26));
        rows.add(101, earlier);
        SampleResponse left12 = stranger(extra, 1, CONSUMER, 3).leftAt(12);
        SampleResponse left47 = stranger(extra, 2, CONSUMER, 6).leftAt(47);
        SampleResponse left88 = stranger(extra, 3, CONSUMER, 9).leftAt(88);
        rows.add(482, left88);
        rows.add(251, left47);
        rows.add(41, left12);
        return new SampleFile("qualtrics-consumers.csv",
                new QualtricsExport(CareGapQuestionnaire.of(CONSUMER), false, false), CsvStyle.QUALTRICS,
                "Qualtrics CSV, choice texts, each multi-select in one column of comma-joined choices; UTF-8 with "
                        + "BOM, CRLF line ends; comments with commas, quotes and line breaks",
                rows, included.size(), List.of(
                        "incomplete: " + left12.id() + " (Finished False, Progress 12)",
                        "incomplete: " + left47.id() + " (Finished False, Progress 47)",
                        "incomplete: " + left88.id() + " (Finished False, Progress 88)",
                        "duplicate: " + earlier.id() + " answered twice; the row ending "
                                + earlier.end().toString().replace('T', ' ')
                                + " is excluded, the row ending " + later.end().toString().replace('T', ' ')
                                + " (listed before it) counts"));
    }

    private static SampleFile qualtricsNumeric(List<SampleResponse> included, RandomAnswers extra) {
        List<SampleResponse> rows = new ArrayList<>(included);
        SampleResponse left60 = stranger(extra, 4, CONSUMER, 4).leftAt(60);
        rows.add(77, left60);
        return new SampleFile("qualtrics-consumers-numeric.csv",
                new QualtricsExport(CareGapQuestionnaire.of(CONSUMER), true, true), CsvStyle.QUALTRICS,
                "Qualtrics CSV, numeric values (option numbers 1..n, Finished 1/0), each multi-select option in a "
                        + "column of its own (C_PREF_CHANNELS_1 .. C_PREF_CHANNELS_7 holding 1 or empty); UTF-8 "
                        + "with BOM, CRLF",
                rows, included.size(), List.of("incomplete: " + left60.id() + " (Finished 0, Progress 60)"));
    }

    private static SampleFile googleForms(List<SampleResponse> included, RandomAnswers extra) {
        List<SampleResponse> rows = new ArrayList<>();
        int renamed = 0;
        for (int i = 0; i < included.size(); i++) {
            SampleResponse response = spelt(included.get(i), i, List.of("C_CARE", "C_MOBILE_SAT", "C_OPEN_MOBILE",
                    "C_PREF_URGENT"));
            response = response.with("C_AGE", i % 25 == 7 ? band(response.answer("C_AGE"))
                    : Wording.age(response.answer("C_AGE"), i));
            // Typed into "Other:" instead of choosing an option: the reader sets gender missing.
            if (renamed < 2 && included.get(i).answer("C_GENDER").equals("Female")) {
                response = response.with("C_GENDER", "Woman");
                renamed++;
            }
            rows.add(response);
        }
        SampleResponse sixteen = stranger(extra, 5, CONSUMER, 5).with("C_AGE", "16");
        rows.add(150, sixteen);
        return new SampleFile("google-forms-consumers.csv", new GoogleFormsExport(CareGapQuestionnaire.of(CONSUMER)),
                CsvStyle.GOOGLE_FORMS,
                "Google Forms CSV, one header row, grid rows as \"question [row]\", checkboxes joined with \", \", "
                        + "every field quoted, no respondent id; UTF-8 without BOM, LF; countries written as "
                        + "USA, U.S., U.K., England, Aus ..., ages as \"34\", \"34 years\", \"34 yrs\" or a band, "
                        + "answers in other capitalisation or with stray spaces; two genders typed as \"Woman\" "
                        + "(no option: gender missing, one issue each)",
                rows, included.size(), List.of("ineligible: the row with age 16 (data row 151)"));
    }

    private static SampleFile surveyMonkey(List<SampleResponse> included) {
        return new SampleFile("surveymonkey-business.csv", new SurveyMonkeyExport(CareGapQuestionnaire.of(BUSINESS)),
                CsvStyle.SURVEYMONKEY,
                "SurveyMonkey CSV, two header rows, one column per multi-select option holding the option text "
                        + "when chosen, the typed text under \"Other (please specify)\"; dates MM/DD/YYYY "
                        + "hh:mm:ss AM/PM; UTF-8, LF",
                included, included.size(), List.of());
    }

    private static SampleFile tidy(List<SampleResponse> included, SampleResponse answeredTwice, RandomAnswers extra) {
        List<SampleResponse> rows = new ArrayList<>();
        for (int i = 0; i < included.size(); i++) {
            rows.add(spelt(included.get(i), i, List.of("B_CARE", "B_CUST_PLEASED", "B_USES_MOBILE", "B_SIZE")));
        }
        SampleResponse earlier = extra.response(answeredTwice.id(), BUSINESS, answeredTwice.end().minusDays(1));
        rows.add(60, earlier);
        return new SampleFile("tidy-business.csv", new TidyExport(CareGapQuestionnaire.of(BUSINESS), true),
                CsvStyle.SPREADSHEET_1252,
                "tidy CSV (question ids, respondent_id, end_date in ISO 8601, segment), multi-select joined "
                        + "with \"; \"; Windows-1252, semicolon-delimited, CRLF, two blank rows at the end; "
                        + "countries and answers spelt loosely",
                rows, included.size(), List.of("duplicate: respondent " + earlier.id() + " also answered in "
                        + "surveymonkey-business.csv; this earlier response (ending "
                        + earlier.end().toString().replace('T', ' ') + ") is excluded"));
    }

    /** A response from someone who is not one of the included respondents. */
    private static SampleResponse stranger(RandomAnswers extra, int number, String segment, int day) {
        LocalDateTime end = CareGapSample.FIELDWORK_START.plusDays(day).plusMinutes(37L * number);
        return extra.response("R_" + Wording.responseIdCode(900_000 + number), segment, end);
    }

    /** Country spelt one of its many ways, and the named answers in other capitalisation or spacing. */
    private static SampleResponse spelt(SampleResponse response, int variant, List<String> loose) {
        String countryQuestion = response.segment().equals(CONSUMER) ? "C_COUNTRY" : "B_COUNTRY";
        SampleResponse spelt = response.with(countryQuestion, Wording.country(response.answer(countryQuestion), variant));
        for (int k = 0; k < loose.size(); k++) {
            spelt = spelt.with(loose.get(k), Wording.loosely(response.answer(loose.get(k)), variant + k));
        }
        return spelt;
    }

    private static String band(String years) {
        int age = Integer.parseInt(years);
        return CareGapQuestionnaire.question(CONSUMER, "C_AGE").options().stream()
                .filter(o -> o.min() <= age && age <= o.max()).findFirst().orElseThrow().text();
    }
}
