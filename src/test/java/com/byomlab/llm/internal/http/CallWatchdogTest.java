package com.byomlab.llm.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallWatchdogTest {

    private final CallWatchdog watchdog = new CallWatchdog();

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void firesOnceWhenTheDeadlinePasses() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CallWatchdog.Watch watch = watchdog.watch(null, Duration.ofMillis(50), () -> {
            runs.incrementAndGet();
            fired.countDown();
        });

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(5 * CallWatchdog.TICK_MS);
        assertThat(watch.fired()).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void firesWhenTheWatchedThreadIsInterrupted() throws Exception {
        AtomicBoolean seen = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            // busy, as a thread blocked in a socket read is: nothing in it looks at its interrupt flag
            try (CallWatchdog.Watch watch = watchdog.watch(Thread.currentThread(), null, () -> { })) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!watch.fired() && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                seen.set(watch.fired());
            }
        });
        caller.start();
        caller.interrupt();
        caller.join(10_000);

        assertThat(seen).as("the interrupt fired the watch").isTrue();
    }

    @Test
    void aClosedWatchNeverFires() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CallWatchdog.Watch watch = watchdog.watch(null, Duration.ofMillis(30), runs::incrementAndGet);
        watch.close();

        Thread.sleep(30 + 10 * CallWatchdog.TICK_MS);
        assertThat(runs).hasValue(0);
        assertThat(watch.fired()).isFalse();
    }

    @Test
    void aWatchWithoutDeadlineOrThreadWaitsForItsClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (CallWatchdog.Watch watch = watchdog.watch(null, null, runs::incrementAndGet)) {
            Thread.sleep(10 * CallWatchdog.TICK_MS);
            assertThat(watch.fired()).isFalse();
        }
        assertThat(runs).hasValue(0);
    }

    @Test
    void aWatchAddedAfterAnIdleSpellStillFires() throws Exception {
        Thread.sleep(1_500); // longer than the idle spell after which the watchdog parks until the next watch
        CountDownLatch fired = new CountDownLatch(1);
        watchdog.watch(null, Duration.ofMillis(20), fired::countDown);

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
