package com.byomlab.usage;

import com.byomlab.llm.TokenCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Meters every LLM call: tokens as the provider reported them (in {@link TokenCounts}' one meaning), latency, outcome, and the cost from
 * the price table — unknown (null) when the model has no price or the usage was not reported. Calls
 * are recorded explicitly by their callers, not through a listener whose errors could be swallowed.
 */
@Service
public class UsageMeter {

    private final UsageRepository usage;
    private final CostCalculator costs;
    private final MeterRegistry metrics;

    UsageMeter(UsageRepository usage, CostCalculator costs, MeterRegistry metrics) {
        this.usage = usage;
        this.costs = costs;
        this.metrics = metrics;
    }

    /** Records the call once and returns its cost. A failed call is not billed by providers: it costs 0. */
    public Cost record(LlmCallRecord call) {
        Cost cost = call.succeeded() ? costs.cost(call.provider(), call.model(), call.usage())
                : new Cost(BigDecimal.ZERO, true, "failed calls are not billed");
        if (usage.insert(call, cost, Instant.now())) {
            count(call, cost);
        }
        return cost;
    }

    /** Prometheus view of the same numbers; labels carry provider, model and outcome, never a user or a key. */
    private void count(LlmCallRecord call, Cost cost) {
        String provider = call.provider().id();
        String model = label(call.model());
        metrics.counter("byom.llm.calls", "provider", provider, "model", model, "outcome", call.outcome()).increment();
        TokenCounts t = call.usage();
        tokens(provider, model, "input", t.input());
        tokens(provider, model, "output", t.output());
        tokens(provider, model, "cached_input", t.cachedInput());
        tokens(provider, model, "cache_write", t.cacheWrite());
        tokens(provider, model, "cache_write_1h", t.cacheWrite1h());
        tokens(provider, model, "reasoning", t.reasoning());
        if (cost.known()) {
            metrics.counter("byom.cost.usd", "provider", provider, "model", model).increment(cost.usd().doubleValue());
        }
        Timer.builder("byom.llm.latency").tags("provider", provider, "model", model).publishPercentileHistogram()
                .register(metrics).record(Duration.ofMillis(call.latencyMs()));
    }

    private void tokens(String provider, String model, String kind, Integer n) {
        if (n != null && n > 0) {
            metrics.counter("byom.tokens", "provider", provider, "model", model, "kind", kind).increment(n);
        }
    }

    /** A model name is user-chosen for compatible endpoints: keep labels short. */
    private static String label(String model) {
        return model.length() <= 64 ? model : model.substring(0, 64);
    }
}
