package dev.caregap.cleaning;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.TextKey;

import java.util.HashMap;
import java.util.Map;

/**
 * Splits a multi-select cell that joins several options with "," or ";" (with or without a space) into the
 * question's options. The cell is cut at every separator, and at each part the longest run of parts that
 * names a known option is taken first, so an option that itself holds a comma ("Telecom, cable and
 * utilities") stays whole. Built once per question.
 */
final class MultiSelectSplitter {

    /** Receives what a cell was found to hold. */
    interface Parts {
        void option(int code, String part);

        void unmatched(String part);
    }

    private final Map<String, Integer> codesByKey = new HashMap<>();
    /** Names exactly as the study writes them: most parts are one, and need no normalising. */
    private final Map<String, Integer> codesByName = new HashMap<>();
    /** The most separators any option name holds: how far a run of parts can reach. */
    private final int widestOption;

    MultiSelectSplitter(Question question) {
        int widest = 0;
        for (Option option : question.options()) {
            for (String name : option.names()) {
                codesByKey.putIfAbsent(joinKey(name), option.code());
                codesByName.putIfAbsent(name, option.code());
                widest = Math.max(widest, separators(name));
            }
        }
        this.widestOption = widest;
    }

    void split(String cell, Parts parts) {
        if (separators(cell) == 0) {
            Integer code = codeOf(cell);
            if (code != null) {
                parts.option(code, cell);
            } else {
                parts.unmatched(cell.strip());
            }
            return;
        }
        int count = separators(cell) + 1;
        int[] starts = new int[count];
        int[] ends = new int[count];
        int part = 0;
        for (int i = 0; i < cell.length(); i++) {
            if (isSeparator(cell.charAt(i))) {
                ends[part] = i;
                starts[++part] = i + 1;
            }
        }
        ends[part] = cell.length();

        int i = 0;
        while (i < count) {
            if (blank(cell, starts[i], ends[i])) {
                i++;
                continue;
            }
            int next = i + 1;
            boolean named = false;
            for (int j = Math.min(count - 1, i + widestOption); j >= i && !named; j--) {
                String run = cell.substring(starts[i], ends[j]);
                Integer code = codeOf(run);
                if (code != null) {
                    parts.option(code, run.strip());
                    next = j + 1;
                    named = true;
                }
            }
            if (!named) {
                parts.unmatched(cell.substring(starts[i], ends[i]).strip());
            }
            i = next;
        }
    }

    private Integer codeOf(String part) {
        Integer code = codesByName.get(part.strip());
        return code != null ? code : codesByKey.get(joinKey(part));
    }

    /** The text key, with white space next to a separator dropped: "a, b" and "a,b" are the same text. */
    private static String joinKey(String text) {
        String key = TextKey.of(text);
        if (separators(key) == 0) {
            return key;
        }
        StringBuilder joined = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ' && ((i > 0 && isSeparator(key.charAt(i - 1)))
                    || (i + 1 < key.length() && isSeparator(key.charAt(i + 1))))) {
                continue;
            }
            joined.append(c);
        }
        return joined.toString();
    }

    /** As {@code text.substring(from, to).isBlank()}, without the copy. */
    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int separators(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isSeparator(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';';
    }
}
