package dev.caregap.store;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Issue;
import dev.caregap.respondent.Respondent;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's hand-over of full batches to its storing thread, with batches that record what they were given. */
class RespondentWriterTest {

    private final Transactions transactions = new Transactions();
    private final List<Long> stored = Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyRespondentIsStoredOnceInOrderAndEachBatchInATransactionOfItsOwn() {
        try (RespondentWriter writer = writer(new Recording(), new Recording(), 3)) {
            for (long row = 1; row <= 10; row++) {
                writer.add(respondent(row), List.of());
            }
            writer.flush();
        }
        assertThat(stored).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        // 3 + 3 + 3 + 1
        assertThat(transactions.committed.get()).isEqualTo(4);
    }

    @Test
    void respondentsReachTheStoringThreadInChunksAndABatchBiggerThanAChunkIsWrittenOnceItIsFull() throws Exception {
        CountDownLatch firstChunk = new CountDownLatch(RespondentWriter.CHUNK);
        class Counting extends Recording {
            @Override
            public void add(Respondent respondent, List<Issue> issues) {
                super.add(respondent, issues);
                firstChunk.countDown();
            }
        }
        int batchRows = 2 * RespondentWriter.CHUNK + 500;
        try (RespondentWriter writer = writer(new Counting(), new Counting(), batchRows)) {
            for (long row = 1; row <= RespondentWriter.CHUNK; row++) {
                writer.add(respondent(row), List.of());
            }
            assertThat(firstChunk.await(10, TimeUnit.SECONDS)).as("a chunk is encoded before its batch is full").isTrue();
            assertThat(stored).as("nothing written before the batch is full").isEmpty();
            for (long row = RespondentWriter.CHUNK + 1; row <= 10_000; row++) {
                writer.add(respondent(row), List.of());
            }
            writer.flush();
        }
        assertThat(stored).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 10_000).boxed().toList());
        // 4,500 + 4,500 + the last 1,000
        assertThat(transactions.committed.get()).isEqualTo(3);
    }

    @Test
    void aFullBatchIsWrittenOnAnotherThreadWhileTheNextFills() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Recording blocked = new Recording() {
            @Override
            public void write() {
                await(release);
                super.write();
            }
        };
        try (RespondentWriter writer = writer(blocked, new Recording(), 2)) {
            writer.add(respondent(1), List.of());
            writer.add(respondent(2), List.of());  // full: handed over, its write waits on the latch
            writer.add(respondent(3), List.of());  // returns although the first batch is not written yet
            assertThat(stored).isEmpty();
            release.countDown();
            writer.flush();
        }
        assertThat(stored).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aFailedWriteIsThrownToTheReaderByTheFlushAtTheLatestItsTransactionRolledBackAndNoLaterBatchStored() {
        Recording failing = new Recording() {
            @Override
            public void write() {
                throw new IllegalStateException("disk full");
            }
        };
        try (RespondentWriter writer = writer(failing, new Recording(), 1)) {
            writer.add(respondent(1), List.of());
            assertThatThrownBy(() -> {
                writer.add(respondent(2), List.of());
                writer.add(respondent(3), List.of());
                writer.flush();
            }).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        }
        assertThat(transactions.rolledBack.get()).isEqualTo(1);
        assertThat(stored).as("batches after the failed one are not stored").isEmpty();
    }

    @Test
    void closeWaitsForTheBatchBeingWrittenSoNothingIsStoredAfterTheReaderGaveUp() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recording slow = new Recording() {
            @Override
            public void write() {
                writing.countDown();
                await(release);
                super.write();
            }
        };
        RespondentWriter writer = writer(slow, new Recording(), 1);
        writer.add(respondent(1), List.of());
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closing = new Thread(writer::close);
        closing.start();
        closing.join(300);
        assertThat(closing.isAlive()).as("close returned while a batch was still being written").isTrue();
        release.countDown();
        closing.join(10_000);
        assertThat(closing.isAlive()).isFalse();
        assertThat(stored).containsExactly(1L);
    }

    @Test
    void aBatchIsEmptyAgainOnceWrittenSoTheTwoBuffersAreReused() {
        Recording first = new Recording();
        Recording second = new Recording();
        try (RespondentWriter writer = writer(first, second, 2)) {
            for (long row = 1; row <= 8; row++) {
                writer.add(respondent(row), List.of(new Issue(row, "C_AGE", "C_AGE", "x", "age not readable")));
            }
            writer.flush();
        }
        assertThat(first.rows()).isZero();
        assertThat(second.rows()).isZero();
        assertThat(first.writes + second.writes).isEqualTo(4);
        assertThat(first.writes).isEqualTo(2);
    }

    private RespondentWriter writer(RespondentBatch one, RespondentBatch two, int batchRows) {
        return new RespondentWriter(new TransactionTemplate(transactions), one, two, batchRows, "store-test", new IdentitySort(),
                respondent -> { });
    }

    private static Respondent respondent(long row) {
        return new Respondent(row, "R" + row, "consumer", Instant.parse("2026-01-01T00:00:00Z"), 1.0, null,
                List.of(Answer.choice("C_CARE", 5)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Records the rows it writes into the test's list. */
    private class Recording implements RespondentBatch {
        private final List<Long> rows = new ArrayList<>();
        int writes;

        @Override
        public void add(Respondent respondent, List<Issue> issues) {
            rows.add(respondent.row());
        }

        @Override
        public int rows() {
            return rows.size();
        }

        @Override
        public void write() {
            writes++;
            stored.addAll(rows);
        }

        @Override
        public void clear() {
            rows.clear();
        }
    }

    /** Counts commits and rollbacks. */
    private static final class Transactions implements PlatformTransactionManager {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rolledBack = new AtomicInteger();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            committed.incrementAndGet();
        }

        @Override
        public void rollback(TransactionStatus status) {
            rolledBack.incrementAndGet();
        }
    }
}
