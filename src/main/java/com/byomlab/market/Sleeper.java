package com.byomlab.market;

import java.time.Duration;

/** How the collector waits (rate limits, back-off); tests pass one that records the wait instead of waiting. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
