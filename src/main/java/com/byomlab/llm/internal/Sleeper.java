package com.byomlab.llm.internal;

import java.time.Duration;

/** Waits between attempts; tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    /** Must throw InterruptedException promptly when the thread is interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
