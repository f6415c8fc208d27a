package dev.caregap.store;

import dev.caregap.figures.FigureTallies;
import dev.caregap.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Each ingested export's figure tallies (table export_tallies), and a run's tallies made of them: the sum over the
 * exports it covers, less the respondents that are duplicates now. Reading a run's tallies costs the number of
 * exports and duplicates, not the number of stored respondents.
 */
@Component
public class TallyStore {

    private static final Logger log = LoggerFactory.getLogger(TallyStore.class);

    private final JdbcTemplate jdbc;
    private final StoredRespondents respondents;
    private final TransactionTemplate ownTransaction;

    public TallyStore(JdbcTemplate jdbc, StoredRespondents respondents, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.respondents = respondents;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores what an export counted; call it in the transaction that marks the export ingested. */
    public void save(long exportId, FigureTallies tallies) {
        String text = tallies.encode();
        if (jdbc.update("update export_tallies set layout = ?, tallies = ? where export_id = ?",
                tallies.layout(), text, exportId) == 0) {
            jdbc.update("insert into export_tallies (export_id, layout, tallies) values (?, ?, ?)",
                    exportId, tallies.layout(), text);
        }
    }

    /**
     * The tallies of a run of {@code study} over its ingested exports up to {@code lastExport}: the sum of their stored
     * tallies less the tallies of their respondents that are duplicates now, which equals counting every included,
     * not duplicate respondent of them. An export without stored tallies of the study's current definition (ingested
     * before they were kept, or counted under another definition) is counted once from its stored respondents, and
     * its tallies kept for the next run.
     */
    public FigureTallies ofRun(Study study, long lastExport) {
        return ofRun(study, study.id(), lastExport);
    }

    /** {@link #ofRun(Study, long)} with the study's rows stored under {@code studyId}. */
    FigureTallies ofRun(Study study, String studyId, long lastExport) {
        FigureTallies run = new FigureTallies(study);
        String layout = run.layout();
        List<Long> toCount = new ArrayList<>();
        jdbc.query("""
                select e.id, t.layout, t.tallies
                from survey_export e left join export_tallies t on t.export_id = e.id
                where e.study = ? and e.status = 'INGESTED' and e.id <= ?
                order by e.id""", rs -> {
            if (layout.equals(rs.getString(2))) {
                run.plus(FigureTallies.decode(study, rs.getString(3)));
            } else {
                toCount.add(rs.getLong(1));
            }
        }, studyId, lastExport);
        for (long exportId : toCount) {
            run.plus(countAndKeep(study, studyId, exportId));
        }
        FigureTallies duplicates = new FigureTallies(study);
        respondents.duplicates(studyId, lastExport).forEach((file, respondent) -> duplicates.add(respondent));
        return run.minus(duplicates);
    }

    /** Counts an export's tallies from its stored respondents and keeps them (another instance may be doing the same). */
    private FigureTallies countAndKeep(Study study, String studyId, long exportId) {
        FigureTallies tallies = new FigureTallies(study);
        respondents.countedIn(exportId).forEach((file, respondent) -> tallies.add(respondent));
        try {
            ownTransaction.executeWithoutResult(status -> save(exportId, tallies));
            log.info("Export {} of {}: figure tallies counted from its stored respondents and kept", exportId, studyId);
        } catch (DuplicateKeyException e) {
            log.debug("Export {}: its tallies were kept by another instance meanwhile", exportId);
        }
        return tallies;
    }
}
