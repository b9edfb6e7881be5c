package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The cost of one LLM call in USD, or why it is unknown. An unknown cost is never reported as zero:
 * {@code usd} is null and {@code reason} says what was missing.
 *
 * @param withoutCacheUsd what the same call would have cost with every input token at the input rate (no cache reads,
 *                        no cache writes): the saving of caching is {@code withoutCacheUsd - usd}, negative on a call
 *                        that only wrote to the cache. Null when unknown.
 * @param longContext     true when the call was priced at the model's long-context tier (its input was above the
 *                        tier's threshold)
 */
public record Cost(BigDecimal usd, boolean known, String reason, BigDecimal withoutCacheUsd, boolean longContext) {

    public Cost {
        if (known) {
            Objects.requireNonNull(usd, "a known cost needs an amount");
        } else {
            if (usd != null) {
                throw new IllegalArgumentException("an unknown cost has no amount");
            }
            Objects.requireNonNull(reason, "an unknown cost needs a reason");
        }
    }

    public Cost(BigDecimal usd, boolean known, String reason) {
        this(usd, known, reason, known ? usd : null, false);
    }

    public static Cost of(BigDecimal usd) {
        return new Cost(usd, true, null);
    }

    public static Cost unknown(String reason) {
        return new Cost(null, false, reason);
    }

    /** What caching saved on this call (negative when it only wrote), or null when either amount is unknown. */
    public BigDecimal cacheSavingUsd() {
        return known && withoutCacheUsd != null ? withoutCacheUsd.subtract(usd) : null;
    }
}
