package dev.caregap.ingest.mail;

import java.util.Locale;

/** A number of bytes as people read it in a reason. */
final class Sizes {

    private Sizes() {
    }

    static String shown(long bytes) {
        if (bytes >= 1024 * 1024) {
            double mb = bytes / (1024.0 * 1024.0);
            return (mb == Math.rint(mb) ? String.format(Locale.ROOT, "%.0f", mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
