package com.byomlab.usage.internal.pricing;

import com.byomlab.llm.TokenCounts;

/**
 * Reported token counts regrouped the way providers bill them: input neither read from nor written to a cache, input
 * read from a cache, input written to one, and output (reasoning/thinking included). {@link TokenCounts} has one
 * meaning on every provider (each provider's profile normalised it), so the regrouping is the same for all:
 * uncached input = input - cache reads - cache writes.
 *
 * <p>Cache writes are priced at the input rate until the price table carries a cache-write rate (Anthropic bills
 * them at 1.25x input for the 5-minute cache).
 */
public record BillableTokens(long uncachedInput, long cachedInput, long cacheWrite, long output) {

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
                || orZero(usage.cacheWrite()) < 0 || orZero(usage.reasoning()) < 0) {
            return "usage inconsistent: negative token count";
        }
        long cached = orZero(usage.cachedInput()) + orZero(usage.cacheWrite());
        if (cached > usage.input()) {
            return "usage inconsistent: " + cached + " cached tokens out of " + usage.input() + " input tokens";
        }
        return null;
    }

    /** Call only when {@link #whyUnbillable} is null. */
    public static BillableTokens of(TokenCounts usage) {
        long reads = orZero(usage.cachedInput());
        long writes = orZero(usage.cacheWrite());
        return new BillableTokens(usage.input() - reads - writes, reads, writes, usage.output());
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
