package dev.caregap.study;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form in which header and answer texts are compared: Unicode NFKC, trimmed, inner white space
 * collapsed to one space, lower case. Tools differ in exactly these ways, never in wording.
 */
public final class TextKey {

    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private TextKey() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String ascii = ofAscii(text);
        return ascii != null ? ascii : ofUnicode(text);
    }

    /** The key by its definition, for any text. */
    static String ofUnicode(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return WHITE_SPACE.matcher(normalized.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /**
     * The key of a plain ASCII text in one pass, null for any other text. NFKC leaves ASCII as it is, so this is the
     * definition's key: answers and headers are nearly always ASCII, and every cell that is not an option's exact
     * name is keyed (normalising each took more than reading it, and made the first export after a start compile
     * the normaliser and its pattern).
     */
    static String ofAscii(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {  // as String.strip
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder key = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {  // the pattern's \s
                space = true;
                continue;
            }
            if (space) {
                key.append(' ');
                space = false;
            }
            key.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return key.toString();
    }
}
