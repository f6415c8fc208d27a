package dev.caregap.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import static dev.caregap.sample.CareGapSample.BUSINESS_COUNTS;
import static dev.caregap.sample.CareGapSample.CONSUMER_COUNTS;

/** The sample folder's README: the files, what each exercises, and the exact counts they hold. */
final class SampleReadme {

    private SampleReadme() {
    }

    static String of(List<SampleFile> files) {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Sample input: the Care Gap study

                Exports of the Care Gap study (1,100 consumers and 550 businesses in the United States, the
                United Kingdom and Australia) whose included respondents reproduce every published figure of
                the study with exactly the counts of [`docs/published-figures.md`](../docs/published-figures.md);
                the rules that read them are [`docs/analysis-rules.md`](../docs/analysis-rules.md). Written by
                `dev.caregap.sample.SampleInput` (same bytes on every run; do not edit by hand):

                    ./mvnw -q -DskipTests package
                    java -cp target/caregap.jar -Dloader.main=dev.caregap.sample.SampleInput \\
                        org.springframework.boot.loader.launch.PropertiesLauncher sample-input

                Personal-data columns (IP address, e-mail, names, external reference, location) hold
                obviously fake values (documentation IP ranges, example.com, made-up names, 0,0) so that a
                reader can be seen to drop them.

                ## Files

                | file | layout and habits | data rows | included |
                |---|---|---|---|
                """);
        for (SampleFile file : files) {
            md.append("| `").append(file.name()).append("` | ").append(file.describes()).append(" | ")
                    .append(file.rows().size()).append(" | ").append(file.included()).append(" |\n");
        }
        md.append("""

                ## Rows that do not count

                """);
        for (SampleFile file : files) {
            for (String why : file.excluded()) {
                md.append("- `").append(file.name()).append("`: ").append(why).append('\n');
            }
        }
        long read = files.stream().mapToLong(f -> f.rows().size()).sum();
        long included = files.stream().mapToLong(SampleFile::included).sum();
        md.append("\nRows read: ").append(read).append("; included: ").append(included)
                .append(" (1,100 consumers, 550 businesses); excluded: ").append(read - included).append(".\n")
                .append("""
                        Issues expected among included respondents: 2 (C_GENDER typed as "Woman" in
                        `google-forms-consumers.csv`, set missing). Every other loosely spelt answer (country
                        variants, ages with "years", a band, other capitalisation, stray spaces, option numbers)
                        reads as its option.

                        ## Published figures: what the included respondents hold

                        | question | answer | count | base | % |
                        |---|---|---|---|---|
                        """);
        published(md, "B_CARE", BUSINESS_COUNTS, "top-2");
        published(md, "C_CARE", CONSUMER_COUNTS, "top-2");
        published(md, "B_CUST_PLEASED", BUSINESS_COUNTS, "top-2");
        published(md, "C_MOBILE_SAT", CONSUMER_COUNTS, "top-2");
        published(md, "C_OPEN_MOBILE", CONSUMER_COUNTS, "Yes");
        published(md, "B_USES_MOBILE", BUSINESS_COUNTS, "Yes");
        eachOption(md, "C_PREF_CHANNELS", CONSUMER_COUNTS.get("C_PREF_CHANNELS"), CareGapSample.CONSUMERS);
        eachOption(md, "C_PREF_URGENT", CONSUMER_COUNTS.get("C_PREF_URGENT"), CareGapSample.CONSUMERS);
        eachOption(md, "C_PREF_MARKETING", CONSUMER_COUNTS.get("C_PREF_MARKETING"), CareGapSample.CONSUMERS);
        eachOption(md, "B_CHANNELS_USED", BUSINESS_COUNTS.get("B_CHANNELS_USED"), CareGapSample.BUSINESSES);
        int notUsing = BUSINESS_COUNTS.get("B_USES_MOBILE").get("No");
        eachOption(md, "B_NO_MOBILE_REASONS (base B_USES_MOBILE = No)", BUSINESS_COUNTS.get("B_NO_MOBILE_REASONS"),
                notUsing);
        for (String industry : List.of("C_IND_HEALTHCARE", "C_IND_RETAIL", "C_IND_FINANCE", "C_IND_INSURANCE",
                "C_IND_TELECOM")) {
            published(md, industry, CONSUMER_COUNTS, "top-2");
        }
        md.append("""

                "None of these" (C_PREF_CHANNELS) is only ever chosen alone; every consumer chose at least one
                C_PREF_CHANNELS option and every business at least one B_CHANNELS_USED option, so those bases
                are 1,100 and 550. The lower preferred channels are the sample's choice: phone call third, then
                voicemail, social media, and mobile app just behind social media. Every business that uses text
                messages or mobile apps answers B_USES_MOBILE = Yes; only the businesses answering No have
                B_NO_MOBILE_REASONS, and each of them chose at least one reason ("Other (please specify)" always
                with a typed text). Industry bases leave out "No experience" (counts in the tables below).

                ## The sample's own choices, in full

                """);
        distributions(md, "Consumers", CONSUMER_COUNTS);
        md.append("""
                C_AGE is written as years (18 to 84) in every file, banded as above; in
                `google-forms-consumers.csv` also as "34 years", "34 yrs" or the band itself. C_GENDER: 2 of
                the Female above are written "Woman" in `google-forms-consumers.csv` and so read as missing
                (Female 558 read, missing 2).

                """);
        distributions(md, "Businesses", BUSINESS_COUNTS);
        md.append("""
                B_CHANNELS_USED by B_USES_MOBILE: Yes (319): Email 242, Phone calls 188, Text messages (SMS) 303,
                Social media 187, Mobile apps 231, Games 34. No (231): Email 160, Phone calls 120, Social media
                110, Games 10.
                """);
        return md.toString();
    }

    private static void published(StringBuilder md, String question, Map<String, Map<String, Integer>> all,
                                  String answer) {
        Map<String, Integer> counts = all.get(question);
        int base = counts.entrySet().stream().filter(e -> !e.getKey().equals("No experience"))
                .mapToInt(Map.Entry::getValue).sum();
        int count;
        if (answer.equals("top-2")) {
            List<Integer> valid = counts.entrySet().stream().filter(e -> !e.getKey().equals("No experience"))
                    .map(Map.Entry::getValue).toList();
            count = valid.get(valid.size() - 1) + valid.get(valid.size() - 2);
        } else {
            count = counts.get(answer);
        }
        row(md, question, answer, count, base);
    }

    private static void eachOption(StringBuilder md, String question, Map<String, Integer> counts, int base) {
        counts.forEach((option, count) -> row(md, question, option, count, base));
    }

    private static void row(StringBuilder md, String question, String answer, int count, int base) {
        md.append("| ").append(question).append(" | ").append(answer).append(" | ").append(count).append(" | ")
                .append(base).append(" | ").append(percent(count, base)).append(" |\n");
    }

    private static void distributions(StringBuilder md, String who, Map<String, Map<String, Integer>> all) {
        md.append("### ").append(who).append("\n\n| question | counts |\n|---|---|\n");
        all.forEach((question, counts) -> {
            StringBuilder line = new StringBuilder();
            counts.forEach((option, count) -> line.append(line.isEmpty() ? "" : "; ").append(option).append(' ')
                    .append(count));
            md.append("| ").append(question).append(" | ").append(line).append(" |\n");
        });
        md.append('\n');
    }

    private static String percent(int count, int base) {
        return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
