package dev.caregap.study;

import java.util.List;

/**
 * One answer option of a question.
 *
 * @param code          1-based position in the questionnaire's order (the number numeric exports write)
 * @param text          the option as shown to respondents
 * @param aliases       other spellings that mean this option (e.g. "USA" for "United States")
 * @param notApplicable an answer that is no valid answer and leaves the respondent out of the base ("No experience")
 * @param exclusive     in a multi-select, an option that cannot be chosen with others ("None of these")
 * @param other         the "Other (please specify)" option, whose typed text goes to the question's otherText question
 * @param min           for an age band, the lowest age in it
 * @param max           for an age band, the highest age in it
 */
public record Option(int code, String text, List<String> aliases, boolean notApplicable, boolean exclusive,
                     boolean other, Integer min, Integer max) {

    public Option {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Every text that names this option: its own and its aliases. */
    public List<String> names() {
        var names = new java.util.ArrayList<String>(aliases.size() + 1);
        names.add(text);
        names.addAll(aliases);
        return names;
    }
}
