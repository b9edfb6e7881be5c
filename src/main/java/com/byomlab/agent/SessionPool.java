package com.byomlab.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} sessions at once, the rest waiting in order; a session goes to an idle thread when there is
 * one and starts a thread only when there is none. A {@link ThreadPoolExecutor} sized to the limit (core = max)
 * starts a new thread for every task until it holds {@code max} of them, idle or not: on JDK 17 the bench's steady
 * stream of short sessions grew it to 4,800 platform threads, every one a GC root with its own thread-local buffers,
 * and young-GC pauses to 40–100 ms (docs/benchmarks.md).
 */
final class SessionPool extends AbstractExecutorService {

    private final int max;
    /** Hands a task to a thread waiting for one (SynchronousQueue), or starts one; idle threads end after keepAlive. */
    private final ThreadPoolExecutor threads;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean shutdown;

    SessionPool(int max, ThreadFactory factory, Duration keepAlive) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), factory);
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the session pool is shutting down");
        }
        waiting.add(task);
        dispatch();
    }

    /** Threads alive, idle ones included. */
    int threads() {
        return threads.getPoolSize();
    }

    /** Sessions running now (not those waiting). */
    int running() {
        return running.get();
    }

    // Every path that adds work or frees a slot calls this after its change, so no waiting task is left behind.
    private void dispatch() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= max) {
                return; // the next session to end dispatches
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Runnable task = waiting.poll();
            if (task == null) {
                running.decrementAndGet(); // another dispatcher took it
                continue;
            }
            try {
                threads.execute(() -> {
                    Runnable next = task;
                    try {
                        while (next != null) {
                            next.run();
                            next = waiting.poll(); // keeps the slot and the thread: no hand-off, no new thread
                        }
                    } finally {
                        running.decrementAndGet();
                        dispatch(); // for a session that arrived after the last poll
                    }
                });
            } catch (RejectedExecutionException stopped) {
                running.decrementAndGet(); // shutdownNow: what is still waiting is returned there
                return;
            }
        }
    }

    /** No new sessions; those waiting still run (a stopped session ends itself as soon as it starts). */
    @Override
    public void shutdown() {
        shutdown = true;
        if (running.get() == 0 && waiting.isEmpty()) {
            threads.shutdown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> never = new ArrayList<>();
        for (Runnable r; (r = waiting.poll()) != null; ) {
            never.add(r);
        }
        threads.shutdownNow();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && running.get() == 0 && waiting.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated()) {
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(5);
        }
        threads.shutdown();
        return true;
    }
}
