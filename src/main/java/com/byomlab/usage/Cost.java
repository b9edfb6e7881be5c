package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The cost of one LLM call in USD, or why it is unknown. An unknown cost is never reported as zero:
 * {@code usd} is null and {@code reason} says what was missing.
 */
public record Cost(BigDecimal usd, boolean known, String reason) {

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

    public static Cost of(BigDecimal usd) {
        return new Cost(usd, true, null);
    }

    public static Cost unknown(String reason) {
        return new Cost(null, false, reason);
    }
}
