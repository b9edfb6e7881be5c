package com.byomlab.usage.internal.pricing;

import com.byomlab.llm.TokenCounts;

/**
 * Reported token counts regrouped the way providers bill them, each kind at its own rate: input neither read from nor
 * written to a cache, input read from a cache, input written to a five-minute and to a one-hour cache, output that is
 * not reasoning, and reasoning/thinking output. {@link TokenCounts} has one meaning on every provider (each provider's
 * profile normalised it), so the regrouping is the same for all: uncached input = input - cache reads - cache writes.
 * {@code allInput} decides the long-context tier (providers count cache reads and writes toward the threshold).
 */
public record BillableTokens(long allInput, long uncachedInput, long cachedInput, long cacheWrite5m, long cacheWrite1h,
                             long plainOutput, long reasoning) {

    /** Why these counts cannot be billed (missing or inconsistent), or null when they can. */
    public static String whyUnbillable(TokenCounts usage) {
        if (usage == null || !usage.reported()) {
            return "usage not reported";
        }
        if (usage.input() == null) {
            return "usage incomplete: input tokens not reported";
        }
        if (usage.output() == null) {
            return "usage incomplete: output tokens not reported";
        }
        if (usage.input() < 0 || usage.output() < 0 || orZero(usage.cachedInput()) < 0
                || orZero(usage.cacheWrite()) < 0 || orZero(usage.cacheWrite1h()) < 0 || orZero(usage.reasoning()) < 0) {
            return "usage inconsistent: negative token count";
        }
        long cached = orZero(usage.cachedInput()) + orZero(usage.cacheWrite());
        if (cached > usage.input()) {
            return "usage inconsistent: " + cached + " cached tokens out of " + usage.input() + " input tokens";
        }
        if (orZero(usage.cacheWrite1h()) > orZero(usage.cacheWrite())) {
            return "usage inconsistent: " + usage.cacheWrite1h() + " one-hour cache writes out of "
                    + orZero(usage.cacheWrite()) + " cache writes";
        }
        if (orZero(usage.reasoning()) > usage.output()) {
            return "usage inconsistent: " + usage.reasoning() + " reasoning tokens out of " + usage.output()
                    + " output tokens";
        }
        return null;
    }

    /** Call only when {@link #whyUnbillable} is null. */
    public static BillableTokens of(TokenCounts usage) {
        long reads = orZero(usage.cachedInput());
        long writes = orZero(usage.cacheWrite());
        long writes1h = orZero(usage.cacheWrite1h());
        long reasoning = orZero(usage.reasoning());
        return new BillableTokens(usage.input(), usage.input() - reads - writes, reads, writes - writes1h, writes1h,
                usage.output() - reasoning, reasoning);
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
