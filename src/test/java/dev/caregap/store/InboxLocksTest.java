package dev.caregap.store;

import dev.caregap.config.CaregapProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox's read locks between instances, on the embedded H2 with the real migrations. */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class InboxLocksTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFileLockedByALivingInstanceIsNotTakenByAnother() {
        String file = "/inbox/live-" + System.nanoTime() + ".csv";
        assertThat(instance("a").add(file)).isTrue();
        assertThat(instance("b").add(file)).isFalse();
        assertThat(instance("b").contains(file)).isTrue();
    }

    @Test
    void aLockWhoseOwnerStoppedRenewingIsTakenOverByOneInstanceAndKeptAliveByIt() {
        String file = "/inbox/orphan-" + System.nanoTime() + ".csv";
        instance("dead").add(file);
        expire(file);
        InboxLocks b = instance("b");
        assertThat(b.add(file)).as("taken over").isTrue();
        assertThat(instance("c").add(file)).as("not by a second one as well").isFalse();
        expire(file);
        b.renew();
        assertThat(instance("c").add(file)).as("renewed by its new owner").isFalse();
        assertThat(jdbc.queryForObject("select owner from inbox_lock where file_key = ?", String.class, file)).isEqualTo("b");
    }

    @Test
    void onlyTheOwnerReleasesALock() {
        String file = "/inbox/release-" + System.nanoTime() + ".csv";
        instance("a").add(file);
        expire(file);
        instance("b").add(file);
        assertThat(instance("a").remove(file)).as("a lost it to b").isFalse();
        assertThat(instance("b").remove(file)).isTrue();
        assertThat(instance("c").add(file)).isTrue();
    }

    private InboxLocks instance(String name) {
        CaregapProperties settings = new Binder(new MapConfigurationPropertySource(Map.of("caregap.instance", name,
                "caregap.work.lease", "10s"))).bind("caregap", Bindable.of(CaregapProperties.class)).get();
        return new InboxLocks(jdbc, settings);
    }

    private void expire(String file) {
        jdbc.update("update inbox_lock set locked_until = ? where file_key = ?", Timestamp.from(Instant.now().minusSeconds(1)), file);
    }
}
