package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An ingested export taken out again by hand, so that it no longer counts: its rows removed, the export marked
 * rejected and its content given up. No intake does that to an ingested export, yet duplicates and tallies must stay
 * true whenever an export stops counting.
 */
final class TakenOut {

    private TakenOut() {
    }

    static void takeOut(JdbcTemplate jdbc, RespondentStore respondents, long exportId) {
        respondents.deleteExport(exportId);
        jdbc.update("update survey_export set status = 'REJECTED', reason = 'taken out', lease_until = null where id = ?", exportId);
        jdbc.update("delete from export_content where export_id = ?", exportId);
    }
}
