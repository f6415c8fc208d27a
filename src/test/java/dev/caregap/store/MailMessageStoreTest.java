package dev.caregap.store;

import dev.caregap.respondent.Respondent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.caregap.store.ExportsAndRuns.consumer;
import static org.assertj.core.api.Assertions.assertThat;

/** The mail drop's rows between instances, on the embedded H2 with the real migrations. */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class MailMessageStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(15);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void oneInstancePollsUntilItsLeaseRunsOutThenAnotherTakesOver() {
        MailMessageStore store = new MailMessageStore(jdbc, transactions);
        Instant now = Instant.now();
        jdbc.update("update mail_poller set owner = null, lease_until = null");
        assertThat(store.claimPoller("a", now, now.plus(LEASE))).isTrue();
        assertThat(store.claimPoller("b", now.plusSeconds(5), now.plusSeconds(5).plus(LEASE))).as("a holds it").isFalse();
        assertThat(store.claimPoller("a", now.plusSeconds(5), now.plusSeconds(5).plus(LEASE))).as("a keeps it").isTrue();
        Instant afterLease = now.plusSeconds(5).plus(LEASE).plusSeconds(1);
        assertThat(store.claimPoller("b", afterLease, afterLease.plus(LEASE))).as("a stopped renewing").isTrue();
        assertThat(store.claimPoller("a", afterLease, afterLease.plus(LEASE))).as("b holds it now").isFalse();
    }

    @Test
    void aMessageIsRegisteredOnceUnderItsKey() {
        MailMessageStore store = new MailMessageStore(jdbc, transactions);
        String key = "<once-" + System.nanoTime() + "@localhost>";
        MailMessageStore.Envelope envelope = new MailMessageStore.Envelope("analyst@localhost", "Wave", key, Instant.now());
        MailMessageStore.Seen first = store.register(key, envelope, MailMessageStore.READING, null, Instant.now());
        MailMessageStore.Seen again = store.register(key, envelope, MailMessageStore.READING, null, Instant.now());
        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.finished()).isFalse();
        assertThat(store.finish(first.id(), MailMessageStore.DONE, "1 accepted", Instant.now())).isTrue();
        assertThat(store.finish(first.id(), MailMessageStore.FAILED, "late", Instant.now())).as("finished once").isFalse();
        assertThat(store.register(key, envelope, MailMessageStore.READING, null, Instant.now()).finished()).isTrue();
    }

    @Test
    void aReceiptIsOneOutboxRowOfItsMessageWithoutARun() {
        MailMessageStore store = new MailMessageStore(jdbc, transactions);
        String key = "<receipt-" + System.nanoTime() + "@localhost>";
        long id = store.register(key, new MailMessageStore.Envelope("analyst@localhost", "Wave", key, Instant.now()),
                MailMessageStore.READING, null, Instant.now()).id();
        store.attachment(id, 1, "minutes.pdf", MailMessageStore.REJECTED, null, "it is not a survey export");
        store.finish(id, MailMessageStore.DONE, "0 accepted", Instant.now());

        assertThat(store.awaitingReceipt()).contains(id);
        assertThat(store.coveringRun(id)).as("nothing to wait for: no export").contains(Optional.empty());
        assertThat(store.queueReceipt(id, null, "mail-receipt", Instant.now())).isTrue();
        assertThat(store.queueReceipt(id, null, "mail-receipt", Instant.now())).as("queued once").isFalse();
        assertThat(store.awaitingReceipt()).doesNotContain(id);
        assertThat(jdbc.queryForList("select coalesce(run_id, 0) || ' ' || recipient || ' ' || status from delivery"
                + " where mail_message_id = ?", String.class, id)).containsExactly("0 analyst@localhost PENDING");

        DeliveryStore deliveries = new DeliveryStore(jdbc);
        long row = jdbc.queryForObject("select id from delivery where mail_message_id = ?", Long.class, id);
        DeliveryStore.Delivery claimed = deliveries.claim(row, "a", Instant.now(), Instant.now().plus(LEASE)).orElseThrow();
        assertThat(claimed.hasRun()).isFalse();
        assertThat(claimed.mailMessageId()).isEqualTo(id);
        assertThat(deliveries.done(row, "a", "mail to analyst@localhost", Instant.now())).isTrue();
    }

    @Test
    void aMailedExportStillBeingReadWhenARunWasClaimedIsReceiptedWithTheRunThatHoldsIt() {
        MailMessageStore store = new MailMessageStore(jdbc, transactions);
        ExportsAndRuns study = new ExportsAndRuns(jdbc, transactions, "receipt");
        List<Respondent> mailed = List.of(consumer(2, "R1"), consumer(3, "R2"));
        List<Respondent> dropped = List.of(consumer(2, "R3"));
        // the mailed export is numbered first, but the one dropped in the inbox lands first and the run is claimed
        long mailedExport = study.startReading("wave-1.csv", mailed);
        long droppedExport = study.startReading("wave-2.csv", dropped);
        study.land(droppedExport, dropped);
        long firstRun = study.claimAndCompute();
        study.land(mailedExport, mailed);
        assertThat(study.exportsOf(firstRun)).as("claimed before the mailed export landed").containsExactly(droppedExport);

        String key = "<late-" + System.nanoTime() + "@localhost>";
        long id = store.register(key, new MailMessageStore.Envelope("analyst@localhost", "Wave 1", key, Instant.now()),
                MailMessageStore.READING, null, Instant.now()).id();
        store.attachment(id, 1, "wave-1.csv", MailMessageStore.ACCEPTED, mailedExport, null);
        store.finish(id, MailMessageStore.DONE, "1 accepted", Instant.now());

        assertThat(store.coveringRun(id)).as("the first run's last export is past it, but the run does not hold it")
                .isEmpty();
        long secondRun = study.claimAndCompute();
        assertThat(study.exportsOf(secondRun)).containsExactly(mailedExport, droppedExport);
        assertThat(store.coveringRun(id)).contains(Optional.of(secondRun));

        assertThat(store.queueReceipt(id, secondRun, "mail-receipt", Instant.now())).isTrue();
        MailMessageStore.Receipt receipt = store.receipt(id, 3);
        assertThat(receipt.runId()).isEqualTo(secondRun);
        assertThat(receipt.attachments()).singleElement()
                .satisfies(a -> assertThat(a.included()).as("as its run counted it").isEqualTo(2));
    }
}
