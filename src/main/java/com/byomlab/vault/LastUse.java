package com.byomlab.vault;

import java.time.Duration;
import java.time.Instant;

/**
 * "Last used" is shown to people, to the minute. Writing it on every LLM call made every call of every session
 * update the same credential row (one row lock per call, contended when a user runs many sessions); writing it
 * when the stored value is a minute old keeps the figure true to the minute for one write per minute.
 */
public final class LastUse {

    public static final Duration PRECISION = Duration.ofMinutes(1);

    private LastUse() {
    }

    public static boolean isStale(Instant stored, Instant now) {
        return stored == null || !stored.plus(PRECISION).isAfter(now);
    }
}
