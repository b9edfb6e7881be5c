package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.Objects;

import com.byomlab.llm.Provider;

/**
 * One model's list price in USD per million tokens.
 *
 * @param cachedInputPerMTok price of a cache read; null when the table has none, and then cached tokens are priced
 *                           as ordinary input (never as free)
 * @param contextWindow      the model's maximum input tokens; null when unknown
 */
public record ModelPrice(Provider provider, String model, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                         BigDecimal cachedInputPerMTok, Integer contextWindow, boolean supportsTools) {

    public ModelPrice {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputPerMTok, "inputPerMTok");
        Objects.requireNonNull(outputPerMTok, "outputPerMTok");
        if (inputPerMTok.signum() < 0 || outputPerMTok.signum() < 0
                || (cachedInputPerMTok != null && cachedInputPerMTok.signum() < 0)) {
            throw new IllegalArgumentException("negative price for " + provider.id() + "/" + model);
        }
    }

    /** USD per 1,000 input tokens, exact (the per-million price with the point moved). */
    public BigDecimal inputPer1k() {
        return inputPerMTok.movePointLeft(3);
    }

    /** USD per 1,000 output tokens, exact. */
    public BigDecimal outputPer1k() {
        return outputPerMTok.movePointLeft(3);
    }

    /** USD per 1,000 cache-read tokens: the cached price, or the input price when the table has no cached price. */
    public BigDecimal cachedInputPer1k() {
        return (cachedInputPerMTok != null ? cachedInputPerMTok : inputPerMTok).movePointLeft(3);
    }
}
