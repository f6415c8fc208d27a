package dev.caregap.ingest.mail;

/** How a message ended: its status in mail_message (DONE, REJECTED, FAILED) and the reason, or the counts, recorded. */
record MessageOutcome(String status, String reason) {
}
