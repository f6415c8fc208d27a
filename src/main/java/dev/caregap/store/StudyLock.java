package dev.caregap.store;

import dev.caregap.config.Studies;
import dev.caregap.study.Study;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * One row per study, locked (SELECT ... FOR UPDATE) for the rest of a transaction: settling duplicates, asking
 * for a run, taking a run, moving {@code latest} and deciding a daily digest happen for one study on one instance
 * at a time.
 */
@Component
public class StudyLock {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public StudyLock(JdbcTemplate jdbc, Studies studies, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
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

    /**
     * Runs {@code work} in one transaction that takes the study's lock first, and returns what it returns. Whoever
     * does the same for the study on another instance waits for the commit, then sees what {@code work} wrote: a
     * check and the row it leads to are one decision.
     */
    public <T> T inTransaction(String study, Supplier<T> work) {
        return transaction.execute(status -> {
            lock(study);
            return work.get();
        });
    }
}
