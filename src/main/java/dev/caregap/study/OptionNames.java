package dev.caregap.study;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one meaning of "the option named X" in a question: the option whose text or alias is X, compared as
 * {@link TextKey} (NFKC, trimmed, inner white space collapsed, case ignored). The study check resolves the
 * options its figures and display logic name with it; cleaning matches the answers of exports with it.
 * Option numbers are not names: they are how exports write answers, so only cleaning reads them.
 * Built once per question.
 */
public final class OptionNames {

    /** Returned by {@link #code(String)} when the text names no option. */
    public static final int NO_OPTION = 0;

    private final Map<String, Option> byKey = new HashMap<>();
    /** Names exactly as the study writes them: most cells hold one, and need no normalising. */
    private final Map<String, Option> byName = new HashMap<>();

    public OptionNames(Question question) {
        for (Option option : question.options()) {
            for (String name : option.names()) {
                // First wins; a checked study has no name that names two options.
                byKey.putIfAbsent(TextKey.of(name), option);
                byName.putIfAbsent(name, option);
            }
        }
    }

    /** The option the text names, if any. */
    public Optional<Option> option(String text) {
        return Optional.ofNullable(find(text));
    }

    /** The code of the option the text names, or {@link #NO_OPTION}. */
    public int code(String text) {
        Option option = find(text);
        return option == null ? NO_OPTION : option.code();
    }

    private Option find(String text) {
        if (text == null) {
            return null;
        }
        Option exact = byName.get(text);
        return exact != null ? exact : byKey.get(TextKey.of(text));
    }
}
