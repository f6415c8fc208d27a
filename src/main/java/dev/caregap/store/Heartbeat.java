package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The leases of the work this JVM is doing right now. Workers hold an id while they work on it and release it
 * after; each beat keeps exactly those rows this instance's for another lease. A row left claimed by an attempt
 * that failed (the database was gone when it tried to let go) is no longer held, so its lease runs out and the
 * work is taken over instead of sitting claimed for ever.
 */
@Component
public class Heartbeat {

    /** The kinds of claimed work, each with its table and the status it has while claimed. */
    public enum Work {
        EXPORT("survey_export", ExportStore.READING),
        /** An ingested export's identities being written (or waiting their turn) after its ingest transaction. */
        IDENTITIES("survey_export", ExportStore.INGESTED),
        RUN("study_run", RunStore.COMPUTING),
        DELIVERY("delivery", DeliveryStore.PENDING),
        MAIL_POLLER("mail_poller", MailMessageStore.POLLING);

        private final String table;
        private final String claimedStatus;

        Work(String table, String claimedStatus) {
            this.table = table;
            this.claimedStatus = claimedStatus;
        }
    }

    private final JdbcTemplate jdbc;
    private final Map<Work, Set<Long>> held = new ConcurrentHashMap<>();

    public Heartbeat(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        for (Work work : Work.values()) {
            held.put(work, ConcurrentHashMap.newKeySet());
        }
    }

    /** Does a task on a claimed row, keeping the row's lease renewed until the task ends, however it ends. */
    public <T> T whileHolding(Work work, long id, Supplier<T> task) {
        hold(work, id);
        try {
            return task.get();
        } finally {
            release(work, id);
        }
    }

    /** Holds a claimed row for work handed to another thread, until {@link #release}. */
    public void hold(Work work, long id) {
        held.get(work).add(id);
    }

    public void release(Work work, long id) {
        held.get(work).remove(id);
    }

    public boolean holds(Work work, long id) {
        return held.get(work).contains(id);
    }

    /**
     * Renews the lease of every row held, as long as {@code owner} still owns it, each until {@code lease} after its own
     * write. A row another transaction holds locked is skipped, not waited for: on PostgreSQL a run's row stays locked
     * while this instance's computing transaction reads its exports, and waiting there would hold up every other
     * lease with it. Such a transaction renews its row itself before it commits ({@link #renew}).
     */
    public void beat(String owner, Duration lease) {
        for (Work work : Work.values()) {
            for (long id : held.get(work)) {
                renew(work, id, owner, lease);
            }
        }
    }

    /** Renews one row's lease; in the transaction holding the row's lock, if any (its own lock is never skipped). */
    public void renew(Work work, long id, String owner, Duration lease) {
        jdbc.update("update " + work.table + " set lease_until = ? where id = (select id from " + work.table
                        + " where id = ? and owner = ? and status = ? for update skip locked)",
                Timestamp.from(Instant.now().plus(lease)), id, owner, work.claimedStatus);
    }
}
