package dev.caregap.report.summary;

/**
 * The content of one summary e-mail: what the mail carries, not how it is sent.
 *
 * @param subject        e.g. "Care Gap: gap 37.1 pts (brands 73.1% vs consumers 36.0%)"; one line
 * @param html           the HTML body; shows the chart as {@code <img src="cid:" + chartContentId + ">}
 * @param text           the plain-text alternative, with the same content
 * @param chartPng       the chart as a PNG image, to attach inline
 * @param chartContentId the chart part's Content-ID, without angle brackets
 */
public record Summary(String subject, String html, String text, byte[] chartPng, String chartContentId) {
}
