package com.byomlab.usage;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Estimates a session's cost before it starts. With at least {@link #MIN_HISTORY} past sessions on the
 * same model, the range is their 25th to 75th percentile cost; otherwise the typical token count of past
 * sessions (or a fixed guess when there are none) priced at the table's rates, from half to twice that.
 */
@Service
public class CostEstimates {

    static final int MIN_HISTORY = 5;
    /** A guess for a first session: a few model turns over tool results. */
    static final long TYPICAL_INPUT_TOKENS = 12_000;
    static final long TYPICAL_OUTPUT_TOKENS = 1_500;

    private final UsageRepository usage;
    private final UsageWrites writes;
    private final PriceTable prices;
    private final CostCalculator costs;

    CostEstimates(UsageRepository usage, UsageWrites writes, PriceTable prices, CostCalculator costs) {
        this.usage = usage;
        this.writes = writes;
        this.prices = prices;
        this.costs = costs;
    }

    public CostEstimate estimate(Provider provider, String model) {
        Optional<ModelPrice> price = prices.find(provider, model);
        List<CostEstimate.ModelRate> rates = prices.forProvider(provider).stream()
                .map(p -> new CostEstimate.ModelRate(p.model(), p.inputPer1k(), p.outputPer1k(), p.contextWindow(),
                        p.cachedInputPer1k(), per1k(p.cacheWritePerMTok()), per1k(p.cacheWrite1hPerMTok()),
                        p.longContext() == null ? null : p.longContext().aboveInputTokens(),
                        p.asOf() != null ? p.asOf() : prices.asOf(), p.source() != null ? p.source() : prices.source()))
                .toList();
        BigDecimal in1k = price.map(ModelPrice::inputPer1k).orElse(null);
        BigDecimal out1k = price.map(ModelPrice::outputPer1k).orElse(null);

        writes.flush(); // the sessions that just ended count
        List<BigDecimal> history = usage.recentSessions(provider.id(), model, 200).stream()
                .filter(UsageRepository.SessionTotal::complete).map(UsageRepository.SessionTotal::cost)
                .sorted().toList();
        if (history.size() >= MIN_HISTORY) {
            return new CostEstimate(provider.id(), model, percentile(history, 25), percentile(history, 75),
                    "the middle half of the last " + history.size() + " sessions on this model", history.size(), in1k,
                    out1k, prices.asOf(), rates);
        }
        if (price.isEmpty()) {
            return new CostEstimate(provider.id(), model, null, null, "no price is known for this model, so its "
                    + "cost cannot be estimated (it will be metered in tokens)", history.size(), null, null,
                    prices.asOf(), rates);
        }
        long[] typical = typicalTokens();
        BigDecimal mid = costs.cost(provider, model, new TokenCounts((int) typical[0], (int) typical[1], 0, 0, true)).usd();
        return new CostEstimate(provider.id(), model, mid.divide(BigDecimal.valueOf(2), 12, RoundingMode.HALF_UP),
                mid.multiply(BigDecimal.valueOf(2)), "a typical session of about " + typical[0] + " input and "
                + typical[1] + " output tokens at the price table's rates (half to twice that)", history.size(),
                in1k, out1k, prices.asOf(), rates);
    }

    private static BigDecimal per1k(BigDecimal perMTok) {
        return perMTok == null ? null : perMTok.movePointLeft(3);
    }

    /** Median input and output tokens of recent sessions on any model, or the fixed guess. */
    private long[] typicalTokens() {
        List<UsageRepository.SessionTotal> recent = usage.recentSessionsAnyModel(200);
        if (recent.size() < MIN_HISTORY) {
            return new long[] {TYPICAL_INPUT_TOKENS, TYPICAL_OUTPUT_TOKENS};
        }
        List<Long> in = new ArrayList<>(recent.stream().map(UsageRepository.SessionTotal::inputTokens).toList());
        List<Long> out = new ArrayList<>(recent.stream().map(UsageRepository.SessionTotal::outputTokens).toList());
        in.sort(Comparator.naturalOrder());
        out.sort(Comparator.naturalOrder());
        return new long[] {in.get(in.size() / 2), out.get(out.size() / 2)};
    }

    /** Nearest-rank percentile of sorted values. */
    static BigDecimal percentile(List<BigDecimal> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
