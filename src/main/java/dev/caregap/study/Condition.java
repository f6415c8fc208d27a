package dev.caregap.study;

/** Display logic: the question is shown only to respondents who gave {@code answer} to {@code question}. */
public record Condition(String question, String answer) {
}
