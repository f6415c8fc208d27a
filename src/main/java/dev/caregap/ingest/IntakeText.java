package dev.caregap.ingest;

/**
 * Text that comes from outside (a file's name, a message that quotes it) as it is shown in a log line or a reason
 * file: control characters are escaped ({@code \n}, {@code \r}, {@code \t}, others as {@code \u0007}), and so are
 * the characters that break or reorder a line on screen (line and paragraph separators, bidirectional overrides),
 * so a name can never split a log line or forge one. Every other character stays as it is; escaping twice changes
 * nothing.
 */
public final class IntakeText {

    private IntakeText() {
    }

    /** The text with control characters escaped; null stays null. */
    public static String shown(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escape(c);
            if (escaped != null && shown == null) {
                shown = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (shown != null) {
                if (escaped != null) {
                    shown.append(escaped);
                } else {
                    shown.append(c);
                }
            }
        }
        return shown == null ? text : shown.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        boolean lineBreaking = c == '\u2028' || c == '\u2029';
        boolean reordering = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
        if (Character.isISOControl(c) || lineBreaking || reordering) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
