package com.byomlab.usage;

import com.byomlab.llm.TokenCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Meters every LLM call: tokens as the provider reported them (in {@link TokenCounts}' one meaning), latency, outcome, and the cost from
 * the price table — unknown (null) when the model has no price or the usage was not reported. Calls
 * are recorded explicitly by their callers, not through a listener whose errors could be swallowed.
 */
@Service
public class UsageMeter {

    private final UsageWrites usage;
    private final CostCalculator costs;
    private final MeterRegistry metrics;

    UsageMeter(UsageWrites usage, CostCalculator costs, MeterRegistry metrics) {
        this.usage = usage;
        this.costs = costs;
        this.metrics = metrics;
    }

    /**
     * Records the call once and returns its cost. A failed call is not billed by providers: it costs 0. The row is
     * stored off the request path, within {@code byom.write-behind.max-delay} (docs/operations.md); until then the
     * monthly cap counts it all the same.
     */
    public Cost record(LlmCallRecord call) {
        Cost cost = call.succeeded() ? costs.cost(call.provider(), call.model(), call.usage())
                : new Cost(BigDecimal.ZERO, true, "failed calls are not billed");
        if (usage.write(new UsageWrites.Row(call, cost, Instant.now()))) {
            count(call, cost);
        }
        return cost;
    }

    /** Stores every call recorded so far: for a read of llm_usage that must see them (reports, provider health). */
    public void flush() {
        usage.flush();
    }

    /** Prometheus view of the same numbers; labels carry provider, model and outcome, never a user or a key. */
    private void count(LlmCallRecord call, Cost cost) {
        Meters m = meters.computeIfAbsent(new MeterKey(call.provider().id(), label(call.model()), call.outcome()),
                Meters::new);
        m.calls.increment();
        TokenCounts t = call.usage();
        m.tokens(0, "input", t.input());
        m.tokens(1, "output", t.output());
        m.tokens(2, "cached_input", t.cachedInput());
        m.tokens(3, "cache_write", t.cacheWrite());
        m.tokens(4, "cache_write_1h", t.cacheWrite1h());
        m.tokens(5, "reasoning", t.reasoning());
        if (cost.known()) {
            m.cost().increment(cost.usd().doubleValue());
        }
        m.latency.record(call.latencyMs(), TimeUnit.MILLISECONDS);
    }

    private record MeterKey(String provider, String model, String outcome) {
    }

    private final Map<MeterKey, Meters> meters = new ConcurrentHashMap<>();

    /**
     * The meters of one (provider, model, outcome), looked up in the registry once: each lookup allocates the
     * meter's id and tags. Token and cost counters appear when first counted, as before.
     */
    private final class Meters {
        final MeterKey key;
        final Counter calls;
        final Timer latency;
        final Counter[] tokens = new Counter[6];
        Counter cost;

        Meters(MeterKey k) {
            this.key = k;
            this.calls = metrics.counter("byom.llm.calls", "provider", k.provider(), "model", k.model(), "outcome",
                    k.outcome());
            this.latency = Timer.builder("byom.llm.latency").tags("provider", k.provider(), "model", k.model())
                    .publishPercentileHistogram().register(metrics);
        }

        void tokens(int i, String kind, Integer n) {
            if (n == null || n <= 0) {
                return;
            }
            Counter c = tokens[i];
            if (c == null) { // a race registers the same counter twice: the registry returns the one it has
                c = metrics.counter("byom.tokens", "provider", key.provider(), "model", key.model(), "kind", kind);
                tokens[i] = c;
            }
            c.increment(n);
        }

        Counter cost() {
            Counter c = cost;
            if (c == null) {
                c = metrics.counter("byom.cost.usd", "provider", key.provider(), "model", key.model());
                cost = c;
            }
            return c;
        }
    }

    /** A model name is user-chosen for compatible endpoints: keep labels short. */
    private static String label(String model) {
        return model.length() <= 64 ? model : model.substring(0, 64);
    }
}
