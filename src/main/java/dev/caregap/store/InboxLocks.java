package dev.caregap.store;

import dev.caregap.config.CaregapProperties;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbox's read locks as rows, so that instances sharing an inbox never read the same file: Camel's file
 * consumer (readLock idempotent-changed) adds a file's key before reading it and removes it once the file has
 * left the inbox. A lock is this instance's for a lease, renewed with the other leases while the file is
 * processed; one whose owner stopped renewing it is taken over, by one instance only (the take-over is a
 * conditional update). Camel's own JDBC repositories do not keep a taken-over lock alive, hence this one.
 */
@Component
public class InboxLocks extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;
    private final String owner;
    private final Duration lease;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public InboxLocks(JdbcTemplate jdbc, CaregapProperties settings) {
        this.jdbc = jdbc;
        this.owner = settings.instance();
        this.lease = settings.work().lease();
    }

    @Override
    public boolean add(String key) {
        Instant now = Instant.now();
        Timestamp until = Timestamp.from(now.plus(lease));
        try {
            jdbc.update("insert into inbox_lock (file_key, owner, locked_until) values (?, ?, ?)", key, owner, until);
        } catch (DuplicateKeyException held) {
            int taken = jdbc.update("update inbox_lock set owner = ?, locked_until = ? where file_key = ? and locked_until < ?",
                    owner, until, key, Timestamp.from(now));
            if (taken == 0) {
                return false;
            }
        }
        held.add(key);
        return true;
    }

    @Override
    public boolean contains(String key) {
        Long live = jdbc.queryForObject("select count(*) from inbox_lock where file_key = ? and locked_until >= ?",
                Long.class, key, Timestamp.from(Instant.now()));
        return live != null && live > 0;
    }

    @Override
    public boolean remove(String key) {
        held.remove(key);
        return jdbc.update("delete from inbox_lock where file_key = ? and owner = ?", key, owner) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        held.clear();
        jdbc.update("delete from inbox_lock where owner = ?", owner);
    }

    /** Keeps the locks of the files this instance is processing its own for another lease. */
    public void renew() {
        Timestamp until = Timestamp.from(Instant.now().plus(lease));
        for (String key : held) {
            jdbc.update("update inbox_lock set locked_until = ? where file_key = ? and owner = ?", until, key, owner);
        }
    }
}
