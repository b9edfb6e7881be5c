package com.byomlab.database;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows written behind: batched, never dropped to make room, kept through an outage, written at a stop. */
class WriteBehindTest {

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<String> givenUp = Collections.synchronizedList(new ArrayList<>());
    private WriteBehind<String> behind;

    @AfterEach
    void stop() {
        if (behind != null) {
            behind.stop();
        }
    }

    private WriteBehind<String> behind(int capacity, Consumer<List<String>> writer) {
        behind = new WriteBehind<>("test rows", Duration.ofMillis(20), capacity, writer, givenUp::addAll, r -> r);
        return behind;
    }

    private List<String> written() {
        return batches.stream().flatMap(List::stream).toList();
    }

    @Test
    void rowsWaitingAreWrittenAsOneBatchByAFlush() {
        behind(100, batches::add).holdUntilFlushed();
        assertThat(behind.offer("a")).isTrue();
        assertThat(behind.offer("b")).isTrue();
        assertThat(batches).isEmpty();
        assertThat(behind.pending()).isEqualTo(2);

        behind.flush();

        assertThat(batches).containsExactly(List.of("a", "b"));
        assertThat(behind.pending()).isZero();
    }

    @Test
    void theWriterThreadWritesWithoutBeingAsked() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        behind(100, rows -> {
            batches.add(rows);
            rows.forEach(r -> both.countDown());
        }).start();
        behind.offer("a");
        behind.offer("b");
        assertThat(both.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(written()).containsExactly("a", "b");
    }

    @Test
    void aFlushWhileTheWriterThreadRunsWritesEveryRowHandedOverBeforeIt() {
        behind(10_000, batches::add).start();
        for (int i = 0; i < 300; i++) {
            behind.offer("row " + i);
            behind.flush();
            assertThat(written()).as("after the flush of row %d", i).hasSize(i + 1);
        }
    }

    @Test
    void aFullQueueHandsTheRowBackToItsCaller() {
        behind(2, batches::add).holdUntilFlushed();
        assertThat(behind.offer("a")).isTrue();
        assertThat(behind.offer("b")).isTrue();
        assertThat(behind.offer("c")).as("the caller writes it itself").isFalse();
        behind.flush();
        assertThat(written()).containsExactly("a", "b");
    }

    @Test
    void anOutageKeepsTheBatchForTheNextWrite() {
        boolean[] down = {true};
        behind(100, rows -> {
            if (down[0]) {
                throw new DataAccessResourceFailureException("database unreachable");
            }
            batches.add(rows);
        }).holdUntilFlushed();
        behind.offer("a");
        behind.offer("b");

        assertThatThrownBy(behind::flush).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(behind.pending()).isEqualTo(2);
        behind.offer("c");
        down[0] = false;
        behind.flush();

        assertThat(written()).containsExactly("a", "b", "c");
        assertThat(givenUp).isEmpty();
    }

    @Test
    void aRowTheDatabaseRefusesIsLeftOutAndTheOthersAreWritten() {
        behind(100, rows -> {
            if (rows.contains("bad")) {
                throw new DataIntegrityViolationException("value too long");
            }
            batches.add(rows);
        }).holdUntilFlushed();
        behind.offer("a");
        behind.offer("bad");
        behind.offer("c");

        behind.flush();

        assertThat(written()).containsExactly("a", "c");
        assertThat(givenUp).containsExactly("bad");
        assertThat(behind.pending()).isZero();
    }

    @Test
    void stoppingWritesWhatIsLeftAndThenCallersWriteTheirOwn() {
        behind(100, batches::add);
        behind.start();
        behind.offer("a");
        behind.stop();
        assertThat(written()).containsExactly("a");
        assertThat(behind.offer("b")).isFalse();
        assertThat(behind.isRunning()).isFalse();
    }

    @Test
    void aZeroDelayWritesEveryRowOnItsCallersThread() {
        behind = new WriteBehind<>("test rows", Duration.ZERO, 100, batches::add, givenUp::addAll, r -> r);
        behind.start();
        assertThat(behind.enabled()).isFalse();
        assertThat(behind.offer("a")).isFalse();
    }
}
