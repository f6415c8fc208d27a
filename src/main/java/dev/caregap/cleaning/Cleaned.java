package dev.caregap.cleaning;

import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;

import java.util.List;

/**
 * One response after cleaning: the respondent (included or excluded, always with its cleaned answers) and
 * every value that was set missing or corrected on the way.
 */
public record Cleaned(Respondent respondent, List<Issue> issues) {

    public Cleaned {
        issues = List.copyOf(issues);
    }
}
