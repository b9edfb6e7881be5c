package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.internal.pricing.BillableTokens;

/**
 * The cost of a call from its reported usage and the {@link PriceTable}; the token counts mean the same on every
 * provider (see {@link BillableTokens}). Exact: tokens x price / 1,000,000 in BigDecimal with no rounding; the
 * result has at least 12 decimal places. Unreported usage or an unpriced model gives an unknown cost, never zero.
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
        // No cached price: a cache read costs what any input token costs (never free).
        BigDecimal cachedPrice = price.cachedInputPerMTok() != null ? price.cachedInputPerMTok() : price.inputPerMTok();
        BigDecimal perMillion = BigDecimal.valueOf(t.uncachedInput() + t.cacheWrite()).multiply(price.inputPerMTok())
                .add(BigDecimal.valueOf(t.cachedInput()).multiply(cachedPrice))
                .add(BigDecimal.valueOf(t.output()).multiply(price.outputPerMTok()));
        BigDecimal usd = perMillion.movePointLeft(6);
        return Cost.of(usd.scale() < MIN_SCALE ? usd.setScale(MIN_SCALE) : usd);
    }
}
