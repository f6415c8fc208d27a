package dev.caregap.report;

import dev.caregap.study.FigureSpec;
import dev.caregap.study.Study;

import java.util.Locale;

/**
 * The short names summaries use, taken from the study's own words so that any study reads well without
 * names written into the code: "The Care Gap study" is the "Care Gap", and the side of a gap labelled
 * "Brands that believe they care for their customers" is "brands".
 */
public final class StudyNames {

    private StudyNames() {
    }

    /** The title without a leading "The " and a trailing " study"; the study id when it has no title. */
    public static String shortTitle(Study study) {
        String title = study.title() == null || study.title().isBlank() ? study.id() : study.title().strip();
        String shorter = title.replaceFirst("(?i)^the\\s+", "").replaceFirst("(?i)\\s+study$", "").strip();
        return shorter.isEmpty() ? title : shorter;
    }

    /** The title as given, or the study id. */
    public static String title(Study study) {
        return study.title() == null || study.title().isBlank() ? study.id() : study.title().strip();
    }

    /** Who a figure counts, as one word: the first word of its label, in lower case ("brands", "consumers"). */
    public static String side(FigureSpec figure) {
        String label = figure.label() == null || figure.label().isBlank() ? figure.id() : figure.label().strip();
        String word = label.split("\\s+", 2)[0];
        return sentenceCase(word);
    }

    /**
     * A label inside a sentence: its first letter in lower case, unless the word is an abbreviation or a name
     * written in capitals ("UK", "SMS").
     */
    public static String sentenceCase(String label) {
        if (label == null || label.length() < 2 || !Character.isUpperCase(label.charAt(0))
                || !Character.isLowerCase(label.charAt(1))) {
            return label;
        }
        return label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }
}
