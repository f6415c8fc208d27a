package dev.caregap.work;

import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;

/**
 * The digest decided under the study's lock on H2 (in memory, with the real migrations), each instance on
 * connections of its own. A lock is waited for up to a minute, so a slow machine does not time out the wait the
 * test makes on purpose.
 */
class DigestUnderStudyLockH2Test extends DigestUnderStudyLockContract {

    private final String url = "jdbc:h2:mem:digest-lock-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";

    @Override
    DataSource newDataSource() {
        return new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
    }

    @Override
    String waitingForALockSql() {
        return "select count(*) from information_schema.sessions where blocker_id is not null";
    }

    @AfterEach
    void dropTheDatabase() {
        new JdbcTemplate(newDataSource()).execute("shutdown");
    }
}
