package com.byomlab.agent;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a running session is stopped from outside: the reason is set first, then its thread is
 * interrupted, so the loop knows on interruption whether the user cancelled or the clock ran out.
 * A session still waiting for a thread is not interrupted; it sees the stop when it starts.
 */
final class RunControl {

    private final AtomicReference<SessionStatus> stopAs = new AtomicReference<>();
    private final UUID owner;
    private Thread thread;

    /** @param owner the user whose session this is, so that deleting the account stops it */
    RunControl(UUID owner) {
        this.owner = owner;
    }

    UUID owner() {
        return owner;
    }

    synchronized void enter() {
        thread = Thread.currentThread();
    }

    synchronized void exit() {
        thread = null;
        Thread.interrupted(); // a late stop must not leak an interrupt into the pooled thread's next task
    }

    void stop(SessionStatus reason) {
        if (stopAs.compareAndSet(null, reason)) {
            synchronized (this) {
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }
    }

    boolean stopRequested() {
        return stopAs.get() != null;
    }

    SessionStatus stopReason() {
        SessionStatus reason = stopAs.get();
        return reason == null ? SessionStatus.CANCELLED : reason;
    }

    /** Between steps: a stop that arrived while no interruptible call was running still stops the loop. */
    void checkNotStopped() throws InterruptedException {
        if (stopAs.get() != null || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }
}
