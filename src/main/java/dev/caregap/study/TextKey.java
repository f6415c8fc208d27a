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
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return WHITE_SPACE.matcher(normalized.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
