package dev.caregap.read;

/** Text taken from inside a file (a zip entry's name, a cell) made safe to quote in a message. */
final class MessageText {

    private static final int MOST_CHARS = 80;

    private MessageText() {
    }

    /** Control and formatting characters as '?', so that none can rewrite a log line or a terminal; cut when long. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MOST_CHARS + 1));
        for (int i = 0; i < text.length() && out.length() < MOST_CHARS; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (text.length() > MOST_CHARS && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return text.length() > MOST_CHARS ? out + "…" : out.toString();
    }
}
