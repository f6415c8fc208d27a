package dev.caregap.respondent;

import java.time.Instant;
import java.util.List;

/**
 * One cleaned response: who (by id only, never personal data), which segment, and the answers.
 *
 * @param row          the row of the file as a spreadsheet shows it
 * @param respondentId the tool's respondent id, or null where the tool has none (Google Forms)
 * @param segment      segment id, or null when it could not be told (then {@link Exclusion#NO_SEGMENT})
 * @param endedAt      when the response ended, or null when the file does not say or it could not be read
 * @param weight       the respondent's weight, 1 when the file carries none
 * @param exclusion    why the respondent does not count, or null when included
 * @param answers      the cleaned answers; questions not answered or set missing have none
 */
public record Respondent(long row, String respondentId, String segment, Instant endedAt, double weight,
                         Exclusion exclusion, List<Answer> answers) {

    public Respondent {
        answers = List.copyOf(answers);
    }

    public boolean included() {
        return exclusion == null;
    }
}
