package dev.caregap.ops;

import dev.caregap.config.Studies;
import dev.caregap.store.PipelineFigures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Study MBean's headline figures, read from a run's stored figures (H2 with the real migrations). */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class StudyViewTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aHeadlineFigureOfSeveralRowsShowsEachRowNamedByWhatTellsThemApart() {
        long run = computedRun();
        int position = 0;
        figure(run, "care_gap", null, null, 0.370909, position++);
        // each channel: the rows share their question, their answers differ
        figure(run, "consumer_channel_preference", "C_PREF_CHANNELS", "Email", 0.4512, position++);
        figure(run, "consumer_channel_preference", "C_PREF_CHANNELS", "SMS", 0.2049, position++);
        // each industry: the rows share their answer (Top-2), their questions differ
        figure(run, "industry_care_rating", "C_IND_HEALTHCARE", "Top-2", 0.5, position++);
        figure(run, "industry_care_rating", "C_IND_RETAIL", "Top-2", 0.25, position++);
        // each option of two questions: neither the question nor the answer alone tells the rows apart
        figure(run, "urgent_vs_marketing_channel", "C_PREF_URGENT", "Email", 0.3, position++);
        figure(run, "urgent_vs_marketing_channel", "C_PREF_URGENT", "SMS", 0.4, position++);
        figure(run, "urgent_vs_marketing_channel", "C_PREF_MARKETING", "Email", 0.6, position++);
        figure(run, "urgent_vs_marketing_channel", "C_PREF_MARKETING", "SMS", 0.1, position);

        Map<String, Double> shown = new StudyView(new Studies(Path.of("studies")).byId("care-gap"), new PipelineFigures(jdbc))
                .getHeadlineFigures();

        assertThat(shown).containsEntry("care_gap", 37.1)
                .containsEntry("consumer_channel_preference: Email", 45.1)
                .containsEntry("consumer_channel_preference: SMS", 20.5)
                .containsEntry("industry_care_rating: C_IND_HEALTHCARE", 50.0)
                .containsEntry("industry_care_rating: C_IND_RETAIL", 25.0)
                .containsEntry("urgent_vs_marketing_channel: C_PREF_URGENT Email", 30.0)
                .containsEntry("urgent_vs_marketing_channel: C_PREF_URGENT SMS", 40.0)
                .containsEntry("urgent_vs_marketing_channel: C_PREF_MARKETING Email", 60.0)
                .containsEntry("urgent_vs_marketing_channel: C_PREF_MARKETING SMS", 10.0)
                .doesNotContainKeys("consumer_channel_preference", "industry_care_rating", "urgent_vs_marketing_channel");
        assertThat(shown.get("brands_believe_care")).as("a headline figure the run has no row of").isNaN();
    }

    private long computedRun() {
        String study = "care-gap";
        jdbc.update("insert into study_run (study, status, started_at) values (?, 'COMPUTED', ?)", study,
                Timestamp.from(Instant.parse("2026-03-01T10:00:00Z")));
        return jdbc.queryForObject("select max(id) from study_run where study = ?", Long.class, study);
    }

    private void figure(long run, String figure, String question, String answer, double share, int position) {
        jdbc.update("""
                insert into figure (run_id, figure, measure, question, answer, breakdown, group_label, answered, base,
                                    share, low_base, position)
                values (?, ?, 'top2', ?, ?, 'total', 'All', 1, 2, ?, false, ?)""",
                run, figure, question, answer, share, position);
    }
}
