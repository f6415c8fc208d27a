package dev.caregap.report.summary;

/**
 * A run's summary e-mail content, before it is a message: the subject, an HTML body that shows the chart by
 * {@code cid:<chartContentId>}, the same content as plain text, and the chart as a PNG.
 */
public record Summary(String subject, String html, String text, byte[] chartPng, String chartContentId) {
}
