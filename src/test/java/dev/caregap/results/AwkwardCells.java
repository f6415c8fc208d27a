package dev.caregap.results;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.List;
import java.util.Random;

/**
 * Cell texts that CSV writing gets wrong most easily: quotes, commas, line breaks, formula starts behind blanks and
 * invisible characters, plain numbers, non-ASCII letters and characters outside the BMP, empty text.
 */
final class AwkwardCells {

    private static final List<String> PIECES = List.of("\"", "\"\"", ",", ";", "\r", "\n", "\r\n", "=", "+", "-", "@",
            "\t", " ", "  ", "#", "!", "'", "a", "Zoë", "Ünïcødé", "日本語", "😀", "\u00A0", "\u200B", "\uFEFF", "\u00AD",
            "＝", "＋", "１", "-3.2", "7.68e-46", "12", "0", "=HYPERLINK(\"http://x\",\"y\")", "Text message (SMS)",
            "Email; Voicemail", "R_x", "é");

    private AwkwardCells() {
    }

    /** A text of 0 to 8 awkward pieces. */
    static Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    /** The same, drawn with {@code random}: for data built in one go from a seed. */
    static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(9); i > 0; i--) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }
}
