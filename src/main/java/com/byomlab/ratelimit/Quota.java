package com.byomlab.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

import java.util.concurrent.TimeUnit;

/** What is left of one limit after a request: the numbers behind the {@code RateLimit-*} headers. */
record Quota(LimitSize size, long remaining, long resetSeconds, long retryAfterSeconds) {

    static Quota of(LimitSize size, ConsumptionProbe probe) {
        // the bucket is full again (and every unit back) when the current period ends
        long reset = probe.getRemainingTokens() >= size.capacity() ? 0 : ceilSeconds(probe.getNanosToWaitForReset());
        long retry = probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        return new Quota(size, Math.max(0, probe.getRemainingTokens()), reset, retry);
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
