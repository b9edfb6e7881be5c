package com.byomlab.llm.internal.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends provider calls that outlive their deadline or whose thread was interrupted, from one daemon thread that
 * looks every {@value #TICK_MS} ms. Provider calls run on their caller's thread, and a blocking socket read does not
 * notice an interrupt, so something else has to close the connection.
 *
 * <p>Why not a timer task per call and a pool thread to wait on: scheduling and cancelling a
 * {@code ScheduledThreadPoolExecutor} task wakes its thread twice per call, and handing the call to a pool thread
 * and back costs two more thread wake-ups — together about 0.3 ms of a gateway call on a 2-vCPU VM
 * (docs/benchmarks.md). Watching a call here is a set insert and remove; nobody is woken.
 */
public final class CallWatchdog implements AutoCloseable {

    static final long TICK_MS = 10;
    /** With nothing to watch for this long the thread parks until the next {@link #watch}, so an idle service sleeps. */
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean parkedIdle;
    private volatile boolean closed;

    public CallWatchdog() {
        thread = new Thread(this::run, "llm-call-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code onFire} once, on the watchdog's thread, when {@code timeout} has passed or {@code owner} is
     * interrupted, whichever comes first, and not once {@link Watch#close()} has returned (an action that had already
     * begun may still be finishing). Either may be null: no deadline, or no thread to watch.
     */
    public Watch watch(Thread owner, Duration timeout, Runnable onFire) {
        Watch watch = new Watch(owner, timeout == null ? 0 : System.nanoTime() + Math.max(1, timeout.toNanos()),
                timeout != null, onFire);
        watched.add(watch);
        if (parkedIdle) {
            LockSupport.unpark(thread);
        }
        return watch;
    }

    private void run() {
        long lastBusy = System.nanoTime();
        while (!closed) {
            if (watched.isEmpty() && System.nanoTime() - lastBusy > IDLE_PARK_NANOS) {
                parkedIdle = true;
                if (watched.isEmpty() && !closed) { // re-checked after the flag: a watch added meanwhile unparks us
                    LockSupport.park(this);
                }
                parkedIdle = false;
                lastBusy = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MS));
            long now = System.nanoTime();
            if (!watched.isEmpty()) {
                lastBusy = now;
            }
            for (Watch watch : watched) {
                if (watch.due(now) && watched.remove(watch)) {
                    watch.fired = true;
                    try {
                        watch.onFire.run();
                    } catch (RuntimeException ignored) {
                        // one failing abort must not stop the watching of the others
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** One watched call; closing it ends the watch. */
    public final class Watch implements AutoCloseable {
        private final Thread owner;
        private final long deadlineNanos;
        private final boolean hasDeadline;
        private final Runnable onFire;
        private volatile boolean fired;

        private Watch(Thread owner, long deadlineNanos, boolean hasDeadline, Runnable onFire) {
            this.owner = owner;
            this.deadlineNanos = deadlineNanos;
            this.hasDeadline = hasDeadline;
            this.onFire = onFire;
        }

        private boolean due(long now) {
            return (hasDeadline && now - deadlineNanos >= 0) || (owner != null && owner.isInterrupted());
        }

        /** Whether the watchdog ran this watch's action (the deadline passed or the owner was interrupted). */
        public boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
