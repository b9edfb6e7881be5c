package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.internal.pricing.BillableTokens;

/**
 * The cost of a call from its reported usage and the {@link PriceTable}; the token counts mean the same on every
 * provider (see {@link BillableTokens}). Every kind of token is priced at its own rate: uncached input, cache reads,
 * five-minute and one-hour cache writes, output, reasoning. A call whose input is above the model's long-context
 * threshold is priced wholly at that tier's rates, as the providers bill it. A call that needs a rate the table does
 * not give is unknown (incomplete), never priced at another rate. Exact: tokens x price / 1,000,000 in BigDecimal with
 * no rounding; the result has at least 12 decimal places. Unreported usage or an unpriced model gives an unknown cost,
 * never zero.
 */
public class CostCalculator {

    /** Every known amount carries at least this many decimals, so stored amounts line up. */
    public static final int MIN_SCALE = 12;

    private final PriceTable prices;

    public CostCalculator(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices);
    }

    public Cost cost(Provider provider, String model, TokenCounts usage) {
        String unbillable = BillableTokens.whyUnbillable(usage);
        if (unbillable != null) {
            return Cost.unknown(unbillable);
        }
        Optional<ModelPrice> price = prices.find(provider, model);
        if (price.isEmpty()) {
            return Cost.unknown("no price for model " + model + " of " + provider.id());
        }
        return cost(provider, price.get(), usage);
    }

    /**
     * The cost under a given price. {@code provider} is who answered the call; it may differ from
     * {@code price.provider()} (an Azure call priced from the OpenAI entry). The counts mean the same whoever
     * answered ({@link TokenCounts}).
     */
    public static Cost cost(Provider provider, ModelPrice price, TokenCounts usage) {
        String unbillable = BillableTokens.whyUnbillable(usage);
        if (unbillable != null) {
            return Cost.unknown(unbillable);
        }
        BillableTokens t = BillableTokens.of(usage);
        ModelPrice.Rates r = price.ratesFor(t.allInput());
        String tier = r.longContext() ? " above " + price.longContext().aboveInputTokens() + " input tokens" : "";
        List<String> missing = new ArrayList<>();
        need(r.input(), t.uncachedInput(), "input", missing);
        need(r.output(), t.plainOutput(), "output", missing);
        need(r.cacheRead(), t.cachedInput(), "cache-read", missing);
        need(r.cacheWrite5m(), t.cacheWrite5m(), "5-minute cache-write", missing);
        need(r.cacheWrite1h(), t.cacheWrite1h(), "1-hour cache-write", missing);
        need(r.reasoning(), t.reasoning(), "reasoning", missing);
        if (!missing.isEmpty()) {
            return Cost.unknown("incomplete: the price table has no " + String.join(", ", missing) + " rate"
                    + tier + " for " + price.model());
        }
        BigDecimal perMillion = times(t.uncachedInput(), r.input())
                .add(times(t.cachedInput(), r.cacheRead()))
                .add(times(t.cacheWrite5m(), r.cacheWrite5m()))
                .add(times(t.cacheWrite1h(), r.cacheWrite1h()))
                .add(times(t.plainOutput(), r.output()))
                .add(times(t.reasoning(), r.reasoning()));
        // the same call without caching: every input token at the input rate of the same tier
        BigDecimal withoutCache = r.input() == null ? null : times(t.allInput(), r.input())
                .add(times(t.plainOutput(), r.output())).add(times(t.reasoning(), r.reasoning()));
        return new Cost(usd(perMillion), true, null, withoutCache == null ? null : usd(withoutCache),
                r.longContext());
    }

    private static void need(BigDecimal rate, long tokens, String kind, List<String> missing) {
        if (rate == null && tokens > 0) {
            missing.add(kind);
        }
    }

    /** Zero tokens cost nothing whatever the rate (also an absent one). */
    private static BigDecimal times(long tokens, BigDecimal perMTok) {
        return tokens == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(tokens).multiply(perMTok);
    }

    private static BigDecimal usd(BigDecimal perMillion) {
        BigDecimal usd = perMillion.movePointLeft(6);
        return usd.scale() < MIN_SCALE ? usd.setScale(MIN_SCALE) : usd;
    }
}
