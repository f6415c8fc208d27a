package dev.caregap.sample;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain reading of the sample files with commons-csv, independent of the generator: each layout
 * read by its own few lines, the incomplete, the under-18s and the superseded duplicates left out. A row is a
 * map from question id to its answer in compared form (trimmed, spaces collapsed, lower case); a multi-select
 * answer is the chosen options joined with "|".
 */
final class IncludedRows {

    private static final List<String> AGREE = List.of("strongly disagree", "disagree", "neither agree nor disagree",
            "agree", "strongly agree");
    private static final List<String> SATISFIED = List.of("very dissatisfied", "dissatisfied",
            "neither satisfied nor dissatisfied", "satisfied", "very satisfied");
    private static final List<String> CARE = List.of("very poorly", "poorly", "neither well nor poorly", "well",
            "very well", "no experience");
    private static final List<String> CHANNELS = List.of("email", "text message (sms)", "phone call", "voicemail",
            "social media", "mobile app", "none of these");
    /** Option lists to turn a numeric export's numbers back into answers. */
    private static final Map<String, List<String>> NUMBERED = Map.of("C_CARE", AGREE, "C_MOBILE_SAT", SATISFIED,
            "C_OPEN_MOBILE", List.of("yes", "no", "not sure"), "C_IND_HEALTHCARE", CARE, "C_IND_RETAIL", CARE,
            "C_IND_FINANCE", CARE, "C_IND_INSURANCE", CARE, "C_IND_TELECOM", CARE);
    /** Google Forms heads its columns with question texts. */
    private static final Map<String, String> FORM_TEXTS = Map.of(
            "what is your age?", "C_AGE",
            "overall, the companies i do business with care about me as a customer.", "C_CARE",
            "how satisfied are you with the way companies communicate with you on your mobile phone?", "C_MOBILE_SAT",
            "would you be open to companies communicating with you on your mobile phone (for example by email, "
                    + "text message or app)?", "C_OPEN_MOBILE",
            "through which channels do you prefer to receive communications from brands? (select all that apply)",
            "C_PREF_CHANNELS",
            "how well do companies in each industry care for their customers? [healthcare providers]", "C_IND_HEALTHCARE",
            "how well do companies in each industry care for their customers? [retail]", "C_IND_RETAIL",
            "how well do companies in each industry care for their customers? [finance (banks, credit cards)]",
            "C_IND_FINANCE",
            "how well do companies in each industry care for their customers? [insurance]", "C_IND_INSURANCE",
            "how well do companies in each industry care for their customers? [telecom, cable and utilities]",
            "C_IND_TELECOM");
    private static final Map<String, String> MONKEY_TEXTS = Map.of(
            "our company cares for its customers.", "B_CARE",
            "our customers are pleased with the ways we communicate with them on their mobile phones.", "B_CUST_PLEASED",
            "does your company use mobile (text messages, mobile apps, mobile email) to engage with customers?",
            "B_USES_MOBILE",
            "which channels does your company use to communicate with customers? (select all that apply)",
            "B_CHANNELS_USED",
            "why does your company not engage customers through mobile? (select all that apply)",
            "B_NO_MOBILE_REASONS");

    private IncludedRows() {
    }

    /** The included consumers of the three consumer files. */
    static List<Map<String, String>> consumers(Path folder) throws IOException {
        Map<String, Identified> byId = new LinkedHashMap<>();
        for (String file : List.of("qualtrics-consumers.csv", "qualtrics-consumers-numeric.csv")) {
            List<CSVRecord> records = records(folder.resolve(file), Charset.forName("UTF-8"), ',');
            CSVRecord names = records.get(0);
            for (CSVRecord record : records.subList(3, records.size())) {
                Map<String, String> raw = byName(names, record);
                boolean finished = raw.get("Finished").equals("True") || raw.get("Finished").equals("1");
                if (!finished || !raw.get("Progress").equals("100")) {
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                raw.forEach((name, value) -> row.put(name, compared(value)));
                NUMBERED.forEach((id, options) -> {
                    if (row.get(id).matches("\\d+")) {
                        row.put(id, options.get(Integer.parseInt(row.get(id)) - 1));
                    }
                });
                if (!row.containsKey("C_PREF_CHANNELS")) {
                    List<String> chosen = new ArrayList<>();
                    for (int k = 1; k <= CHANNELS.size(); k++) {
                        if (row.get("C_PREF_CHANNELS_" + k).equals("1")) {
                            chosen.add(CHANNELS.get(k - 1));
                        }
                    }
                    row.put("C_PREF_CHANNELS", String.join("|", chosen));
                } else {
                    row.put("C_PREF_CHANNELS", row.get("C_PREF_CHANNELS").replace(",", "|"));
                }
                keepLatest(byId, raw.get("ResponseId"), LocalDateTime.parse(raw.get("EndDate"),
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")), row);
            }
        }
        List<Map<String, String>> included = new ArrayList<>(byId.values().stream().map(Identified::row).toList());
        List<CSVRecord> form = records(folder.resolve("google-forms-consumers.csv"), Charset.forName("UTF-8"), ',');
        for (CSVRecord record : form.subList(1, form.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < record.size(); i++) {
                String id = FORM_TEXTS.get(compared(form.get(0).get(i)));
                if (id != null) {
                    row.put(id, compared(record.get(i)));
                }
            }
            row.put("C_PREF_CHANNELS", row.get("C_PREF_CHANNELS").replace(", ", "|"));
            if (Integer.parseInt(row.get("C_AGE").replaceAll("^(\\d+).*$", "$1")) >= 18) {
                included.add(row);
            }
        }
        return included;
    }

    /** The included businesses of the SurveyMonkey and the tidy file. */
    static List<Map<String, String>> businesses(Path folder) throws IOException {
        Map<String, Identified> byId = new LinkedHashMap<>();
        List<CSVRecord> monkey = records(folder.resolve("surveymonkey-business.csv"), Charset.forName("UTF-8"), ',');
        for (CSVRecord record : monkey.subList(2, monkey.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            String question = null;
            for (int i = 0; i < record.size(); i++) {
                question = monkey.get(0).get(i).isEmpty() ? question : MONKEY_TEXTS.get(compared(monkey.get(0).get(i)));
                if (question == null) {
                    continue;
                }
                String second = compared(monkey.get(1).get(i));
                String value = compared(record.get(i));
                if (second.equals("response")) {
                    row.put(question, value);
                } else if (!value.isEmpty()) {
                    row.merge(question, second, (a, b) -> a + "|" + b);
                }
            }
            keepLatest(byId, record.get(0), LocalDateTime.parse(record.get(3),
                    DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US)), row);
        }
        List<CSVRecord> tidy = records(folder.resolve("tidy-business.csv"), Charset.forName("windows-1252"), ';');
        for (CSVRecord record : tidy.subList(1, tidy.size())) {
            Map<String, String> raw = byName(tidy.get(0), record);
            Map<String, String> row = new LinkedHashMap<>();
            raw.forEach((name, value) -> row.put(name, compared(value).replace("; ", "|")));
            keepLatest(byId, raw.get("respondent_id"), LocalDateTime.parse(raw.get("end_date")), row);
        }
        return byId.values().stream().map(Identified::row).toList();
    }

    /** Included rows whose answer to {@code question} is one of {@code answers}. */
    static long count(List<Map<String, String>> rows, String question, String... answers) {
        List<String> wanted = List.of(answers);
        return rows.stream().filter(r -> wanted.contains(r.getOrDefault(question, ""))).count();
    }

    /** Included rows that chose {@code option} of a multi-select. */
    static long chose(List<Map<String, String>> rows, String question, String option) {
        return rows.stream().filter(r -> List.of(r.getOrDefault(question, "").split("\\|")).contains(option)).count();
    }

    static String compared(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private record Identified(LocalDateTime end, Map<String, String> row) {
    }

    private static void keepLatest(Map<String, Identified> byId, String id, LocalDateTime end,
                                   Map<String, String> row) {
        Identified seen = byId.get(id);
        if (seen == null || end.isAfter(seen.end())) {
            byId.put(id, new Identified(end, row));
        }
    }

    private static Map<String, String> byName(CSVRecord names, CSVRecord record) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            row.put(names.get(i), record.get(i));
        }
        return row;
    }

    private static List<CSVRecord> records(Path file, Charset charset, char delimiter) throws IOException {
        String text = Files.readString(file, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get())) {
            return parser.getRecords();
        }
    }
}
