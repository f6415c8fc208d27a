package dev.caregap.sample;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Qualtrics CSV layout: row 1 column names (metadata, then export tags), row 2 question texts, row 3
 * ImportId JSON. Either choice texts or option numbers ("numeric values"); a multi-select either as one
 * column of comma-joined choices or one column per option ({@code TAG_1 .. TAG_k}, 1 or empty).
 */
final class QualtricsExport implements ExportLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final List<String> METADATA_NAMES = List.of("StartDate", "EndDate", "Status", "IPAddress",
            "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId", "RecipientLastName",
            "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
            "DistributionChannel", "UserLanguage");
    private static final List<String> METADATA_TEXTS = List.of("Start Date", "End Date", "Response Type",
            "IP Address", "Progress", "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
            "Recipient Last Name", "Recipient First Name", "Recipient Email", "External Data Reference",
            "Location Latitude", "Location Longitude", "Distribution Channel", "User Language");
    private static final List<String> METADATA_IMPORT_IDS = List.of(
            "{\"ImportId\":\"startDate\",\"timeZone\":\"Europe/London\"}",
            "{\"ImportId\":\"endDate\",\"timeZone\":\"Europe/London\"}", "{\"ImportId\":\"status\"}",
            "{\"ImportId\":\"ipAddress\"}", "{\"ImportId\":\"progress\"}", "{\"ImportId\":\"duration\"}",
            "{\"ImportId\":\"finished\"}", "{\"ImportId\":\"recordedDate\",\"timeZone\":\"Europe/London\"}",
            "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"recipientLastName\"}",
            "{\"ImportId\":\"recipientFirstName\"}", "{\"ImportId\":\"recipientEmail\"}",
            "{\"ImportId\":\"externalDataReference\"}", "{\"ImportId\":\"locationLatitude\"}",
            "{\"ImportId\":\"locationLongitude\"}", "{\"ImportId\":\"distributionChannel\"}",
            "{\"ImportId\":\"userLanguage\"}");

    private final List<Question> questions;
    private final boolean numericValues;
    private final boolean columnPerOption;
    private final List<List<String>> headers;

    /**
     * @param questions       the segment's questions, in questionnaire order
     * @param numericValues   write option numbers instead of choice texts (and Finished as 1/0)
     * @param columnPerOption write each multi-select option as a column of its own
     */
    QualtricsExport(List<Question> questions, boolean numericValues, boolean columnPerOption) {
        this.questions = List.copyOf(questions);
        this.numericValues = numericValues;
        this.columnPerOption = columnPerOption;
        this.headers = buildHeaders();
    }

    @Override
    public List<List<String>> headerRows() {
        return headers;
    }

    @Override
    public List<String> row(SampleResponse response, long position) {
        List<String> row = new ArrayList<>(headers.get(0).size());
        String end = DATE.format(response.end());
        row.add(DATE.format(response.start()));
        row.add(end);
        row.add(numericValues ? "0" : "IP Address");
        row.add(FakeIdentity.ipAddress(position));
        row.add(String.valueOf(response.progress()));
        row.add(String.valueOf(Duration.between(response.start(), response.end()).toSeconds()));
        row.add(numericValues ? (response.finished() ? "1" : "0") : (response.finished() ? "True" : "False"));
        row.add(end);
        row.add(response.id());
        row.add(FakeIdentity.lastName(position));
        row.add(FakeIdentity.firstName(position));
        row.add(FakeIdentity.email(position));
        row.add(FakeIdentity.externalReference(position));
        row.add(FakeIdentity.latitude());
        row.add(FakeIdentity.longitude());
        row.add("anonymous");
        row.add("EN");
        for (Question question : questions) {
            if (question.type() == QuestionType.MULTI) {
                List<String> chosen = response.choices(question.id());
                if (columnPerOption) {
                    question.options().forEach(o -> row.add(chosen.contains(o.text()) ? "1" : ""));
                } else {
                    row.add(chosen.stream().map(c -> value(question, c)).collect(Collectors.joining(",")));
                }
            } else {
                row.add(value(question, response.answer(question.id())));
            }
        }
        return row;
    }

    /** The cell for one answer: its text, or in a numeric export its option number when it is one. */
    private String value(Question question, String answer) {
        if (!numericValues || answer.isEmpty() || question.type() == QuestionType.TEXT
                || question.type() == QuestionType.AGE) {
            return answer;
        }
        return CareGapQuestionnaire.optionWithText(question, answer).map(o -> String.valueOf(o.code())).orElse(answer);
    }

    private List<List<String>> buildHeaders() {
        List<String> names = new ArrayList<>(METADATA_NAMES);
        List<String> texts = new ArrayList<>(METADATA_TEXTS);
        List<String> importIds = new ArrayList<>(METADATA_IMPORT_IDS);
        int qid = 0;
        int matrixRow = 0;
        String matrix = null;
        for (Question question : questions) {
            if (question.isMatrixRow()) {
                // All rows of a matrix share its QID and are told apart by row number.
                if (!question.matrix().equals(matrix)) {
                    qid++;
                    matrixRow = 0;
                    matrix = question.matrix();
                }
                names.add(question.id());
                texts.add(question.text());
                importIds.add(importId("QID" + qid + "_" + (++matrixRow)));
                continue;
            }
            matrix = null;
            if (CareGapQuestionnaire.isOtherText(question)) {
                // The text box belongs to the "other" option of the question before it.
                Question owner = questions.stream().filter(q -> question.id().equals(q.otherText())).findFirst()
                        .orElseThrow();
                int otherCode = owner.options().stream().filter(Option::other).findFirst().orElseThrow().code();
                names.add(question.id());
                texts.add(question.text());
                importIds.add(importId("QID" + qid + "_" + otherCode + "_TEXT"));
                continue;
            }
            qid++;
            // Qualtrics says "Selected Choice" only where the question also has a text box.
            String text = question.otherText() != null ? question.text() + " - Selected Choice" : question.text();
            if (question.type() == QuestionType.MULTI && columnPerOption) {
                for (Option option : question.options()) {
                    names.add(question.id() + "_" + option.code());
                    texts.add(text + " - " + option.text());
                    importIds.add(importId("QID" + qid + "_" + option.code()));
                }
            } else {
                names.add(question.id());
                texts.add(text);
                // Text-entry questions (open text, age typed in years) carry "_TEXT".
                boolean typed = question.type() == QuestionType.TEXT || question.type() == QuestionType.AGE;
                importIds.add(importId("QID" + qid + (typed ? "_TEXT" : "")));
            }
        }
        return List.of(List.copyOf(names), List.copyOf(texts), List.copyOf(importIds));
    }

    private static String importId(String id) {
        return "{\"ImportId\":\"" + id + "\"}";
    }
}
