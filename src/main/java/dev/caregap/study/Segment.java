package dev.caregap.study;

/**
 * A group of respondents with a questionnaire of its own (consumers, businesses).
 *
 * @param id             as written in a tidy file's {@code segment} column
 * @param label          for people; the id when the study gives none
 * @param questionPrefix every question id of the segment starts with it ({@code C_}, {@code B_})
 */
public record Segment(String id, String label, String questionPrefix) {

    public Segment {
        label = label == null || label.isBlank() ? id : label;
    }
}
