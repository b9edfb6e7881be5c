package com.byomlab.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool that runs sessions: reuse before growth, the limits, the owners' turns, the queue, and both shutdowns. */
class SessionPoolTest {

    private final AtomicInteger started = new AtomicInteger();
    private final ThreadFactory counting = r -> {
        started.incrementAndGet();
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    };
    private SessionPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void sessionsOneAfterAnotherReuseTheIdleThreadInsteadOfStartingNewOnes() throws Exception {
        pool = new SessionPool(1000, counting, Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            waitUntilIdle();
        }
        assertThat(started.get()).as("threads started for 200 sessions run one at a time").isLessThanOrEqualTo(5);
    }

    @Test
    void noMoreThanTheLimitRunAtOnceAndTheRestWaitTheirTurn() throws Exception {
        pool = new SessionPool(3, counting, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch allDone = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            pool.execute(() -> {
                peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    await(release);
                } finally {
                    now.decrementAndGet();
                    allDone.countDown();
                }
            });
        }
        Thread.sleep(100);
        assertThat(now.get()).as("running while the first three block").isEqualTo(3);
        release.countDown();
        assertThat(allDone.await(5, TimeUnit.SECONDS)).as("the waiting seven ran after").isTrue();
        assertThat(peak.get()).isEqualTo(3);
        assertThat(started.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void afterShutdownNothingNewIsTakenButWaitingSessionsStillRunAndEnd() throws Exception {
        pool = new SessionPool(1, counting, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(() -> {
            await(release);
            ran.incrementAndGet();
        });
        pool.execute(ran::incrementAndGet); // waits: the limit is 1
        pool.shutdown();
        assertThatThrownBy(() -> pool.execute(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(100, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(2);
    }

    @Test
    void shutdownNowInterruptsWhatRunsAndReturnsWhatNeverStarted() throws Exception {
        pool = new SessionPool(1, counting, Duration.ofSeconds(30));
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        Runnable never = () -> { };
        pool.execute(never);
        Thread.sleep(50);
        List<Runnable> left = pool.shutdownNow();
        assertThat(left).containsExactly(never);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutKeepAliveNoIdleThreadStaysBehind() throws Exception {
        pool = new SessionPool(10, counting, Duration.ZERO);
        CountDownLatch done = new CountDownLatch(5);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) {
            pool.execute(() -> {
                await(release);
                done.countDown();
            });
        }
        Thread.sleep(50);
        assertThat(pool.threads()).isEqualTo(5);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 500 && pool.threads() > 0; i++) {
            Thread.sleep(2);
        }
        assertThat(pool.threads()).isZero();
    }

    @Test
    void anOwnerOverItsLimitWaitsWithoutTakingASlotFromAnother() throws Exception {
        pool = new SessionPool(3, 1, counting, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aStarted = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            pool.execute("A", () -> {
                aStarted.countDown();
                await(release);
            });
        }
        CountDownLatch bStarted = new CountDownLatch(1);
        pool.execute("B", () -> {
            bStarted.countDown();
            await(release);
        });

        assertThat(bStarted.await(5, TimeUnit.SECONDS)).as("B's session started").isTrue();
        assertThat(pool.running()).isEqualTo(2); // one of A's (its limit) and B's: a slot is still free
        assertThat(pool.waiting()).isEqualTo(2);
        assertThat(aStarted.getCount()).as("A's sessions not started").isEqualTo(2);
        release.countDown();
        assertThat(aStarted.await(5, TimeUnit.SECONDS)).as("A's others ran after").isTrue();
    }

    @Test
    void ownersTakeTurnsForTheFreeSlots() throws Exception {
        pool = new SessionPool(1, counting, Duration.ofSeconds(30));
        CountDownLatch first = new CountDownLatch(1);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        pool.execute("A", () -> await(first)); // holds the only slot while the others queue
        for (int i = 1; i <= 3; i++) {
            String name = "A" + i;
            pool.execute("A", () -> order.add(name));
        }
        pool.execute("B", () -> order.add("B1"));
        pool.execute("B", () -> order.add("B2"));
        pool.execute("C", () -> order.add("C1"));

        first.countDown();
        for (int i = 0; i < 5000 && order.size() < 6; i++) {
            Thread.sleep(1);
        }
        // A came first with three more waiting, yet it had just had its turn: B and C go before it, then they alternate
        assertThat(order).containsExactly("B1", "C1", "A1", "B2", "A2", "A3");
    }

    /** A session that blocks until the test releases it; an interrupt ends the wait and stays set. */
    private static void await(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread that ran the last task is back waiting for the next one. */
    @Test
    void aSlotIsHeldAtOnceOnlyWhenTheSessionCouldStartAtOnceAndGoesBackWhenReleased() throws Exception {
        pool = new SessionPool(2, 1, counting, Duration.ofSeconds(30));
        SessionPool.Reservation a = pool.reserve("a");
        assertThat(a).as("a free slot, nothing waiting").isNotNull();
        assertThat(pool.running()).isEqualTo(1);
        assertThat(pool.reserve("a")).as("a is at its own limit").isNull();
        SessionPool.Reservation b = pool.reserve("b");
        assertThat(b).isNotNull();
        assertThat(pool.reserve("c")).as("no slot free").isNull();

        CountDownLatch cRan = new CountDownLatch(1);
        pool.execute("c", cRan::countDown); // waits for a slot
        pool.release(b);                    // b was not stored after all: its slot goes to c
        assertThat(cRan.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch aRan = new CountDownLatch(1);
        pool.run(a, aRan::countDown);
        assertThat(aRan.await(5, TimeUnit.SECONDS)).isTrue();
        waitUntilIdle();
        assertThat(pool.running()).isZero();
        CountDownLatch held = new CountDownLatch(1);
        pool.execute("d", () -> await(held));
        pool.execute("d", () -> { });       // d's second session waits behind its first (limit 1)
        assertThat(pool.reserve("d")).as("d has a session waiting: it goes first").isNull();
        held.countDown();
    }

    private void waitUntilIdle() throws InterruptedException {
        for (int i = 0; i < 1000 && pool.running() > 0; i++) {
            Thread.sleep(1);
        }
        Thread.sleep(2); // from its finally block back to waiting for a task
    }
}
