package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.stream.Stream;

import com.byomlab.llm.Provider;

/**
 * One model's list price in USD per million tokens, with a rate for every kind of token the provider bills apart.
 * A rate the table does not give is null, and a call that needs it is priced as incomplete (never at another rate).
 *
 * @param cachedInputPerMTok  price of a cache read
 * @param contextWindow       the model's maximum input tokens; null when unknown
 * @param cacheWritePerMTok   price of a five-minute cache write (Anthropic: 1.25x input)
 * @param cacheWrite1hPerMTok price of a one-hour cache write (Anthropic: 2x input)
 * @param reasoningPerMTok    price of reasoning/thinking output where it differs from output; null means reasoning is
 *                            output and costs the output rate (as OpenAI, Anthropic and Google bill it)
 * @param longContext         rates of a call whose input is above a threshold (the whole call is priced there), or
 *                            null when the model has one tier
 * @param asOf                the date this entry's rates were taken (yyyy-MM-dd), null when the file gives none
 * @param source              where this entry's rates come from, null when the file gives none
 */
public record ModelPrice(Provider provider, String model, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                         BigDecimal cachedInputPerMTok, Integer contextWindow, boolean supportsTools,
                         BigDecimal cacheWritePerMTok, BigDecimal cacheWrite1hPerMTok, BigDecimal reasoningPerMTok,
                         LongContext longContext, String asOf, String source) {

    /**
     * The rates of a long-context call: one whose input tokens (cache reads and writes included) are above
     * {@code aboveInputTokens}. Rates the table does not give for the tier are null.
     */
    public record LongContext(int aboveInputTokens, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                              BigDecimal cachedInputPerMTok, BigDecimal cacheWritePerMTok,
                              BigDecimal cacheWrite1hPerMTok) {

        public LongContext {
            if (aboveInputTokens <= 0) {
                throw new IllegalArgumentException("a long-context threshold must be positive");
            }
            if (Stream.of(inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok, cacheWrite1hPerMTok)
                    .anyMatch(p -> p != null && p.signum() < 0)) {
                throw new IllegalArgumentException("negative long-context price");
            }
        }
    }

    public ModelPrice {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputPerMTok, "inputPerMTok");
        Objects.requireNonNull(outputPerMTok, "outputPerMTok");
        if (Stream.of(inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok, cacheWrite1hPerMTok,
                reasoningPerMTok).anyMatch(p -> p != null && p.signum() < 0)) {
            throw new IllegalArgumentException("negative price for " + provider.id() + "/" + model);
        }
    }

    /** A price with input, cache-read and output rates only. */
    public ModelPrice(Provider provider, String model, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                      BigDecimal cachedInputPerMTok, Integer contextWindow, boolean supportsTools) {
        this(provider, model, inputPerMTok, outputPerMTok, cachedInputPerMTok, contextWindow, supportsTools, null, null,
                null, null, null, null);
    }

    /** USD per 1,000 input tokens, exact (the per-million price with the point moved). */
    public BigDecimal inputPer1k() {
        return inputPerMTok.movePointLeft(3);
    }

    /** USD per 1,000 output tokens, exact. */
    public BigDecimal outputPer1k() {
        return outputPerMTok.movePointLeft(3);
    }

    /** USD per 1,000 cache-read tokens, or null when the table has no cache-read price. */
    public BigDecimal cachedInputPer1k() {
        return cachedInputPerMTok == null ? null : cachedInputPerMTok.movePointLeft(3);
    }

    /** The rates a call with this many input tokens is priced at: the long-context tier's above its threshold. */
    public Rates ratesFor(long inputTokens) {
        if (longContext != null && inputTokens > longContext.aboveInputTokens()) {
            // reasoning is output: in the tier it costs the tier's output rate, unless the table prices it apart
            boolean reasoningApart = reasoningPerMTok != null && reasoningPerMTok.compareTo(outputPerMTok) != 0;
            return new Rates(true, longContext.inputPerMTok(), longContext.outputPerMTok(),
                    longContext.cachedInputPerMTok(), longContext.cacheWritePerMTok(), longContext.cacheWrite1hPerMTok(),
                    reasoningApart ? null : longContext.outputPerMTok());
        }
        return new Rates(false, inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok,
                cacheWrite1hPerMTok, reasoningPerMTok != null ? reasoningPerMTok : outputPerMTok);
    }

    /** The rates of one tier, USD per million tokens; null where the table gives none. */
    public record Rates(boolean longContext, BigDecimal input, BigDecimal output, BigDecimal cacheRead,
                        BigDecimal cacheWrite5m, BigDecimal cacheWrite1h, BigDecimal reasoning) {
    }
}
