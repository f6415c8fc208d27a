package dev.caregap.store;

import dev.caregap.config.Studies;
import dev.caregap.study.Study;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One row per study, locked (SELECT ... FOR UPDATE) for the rest of a transaction: settling duplicates, asking
 * for a run, taking a run and moving {@code latest} happen for one study on one instance at a time.
 */
@Component
public class StudyLock {

    private final JdbcTemplate jdbc;

    public StudyLock(JdbcTemplate jdbc, Studies studies) {
        this.jdbc = jdbc;
        for (Study study : studies.all()) {
            try {
                jdbc.update("insert into study_state (study) select ? where not exists (select 1 from study_state where study = ?)",
                        study.id(), study.id());
            } catch (DuplicateKeyException e) {
                // another instance made the row at the same moment: it is there, which is all we need
            }
        }
    }

    /** Holds the study's lock until the current transaction ends; call it inside one. */
    public void lock(String study) {
        if (jdbc.queryForList("select study from study_state where study = ? for update", String.class, study).isEmpty()) {
            throw new IllegalStateException("study '" + study + "' is not known to the database");
        }
    }
}
