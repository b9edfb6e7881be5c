package com.byomlab.market;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coin list with each coin's date range, kept for a few seconds. It is the agent's most called tool and one
 * GROUP BY over every stored bar: computed per call it was half the service's CPU under load (docs/benchmarks.md).
 * An import on this instance drops it at once; another instance's import shows here within {@link #FRESH_FOR}.
 */
@Component
class CoinList {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private record Snapshot(List<Coin> coins, long loadedAt) {
    }

    private final MarketRepository repository;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    CoinList(MarketRepository repository) {
        this.repository = repository;
    }

    List<Coin> coins() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current == null || now - current.loadedAt() > FRESH_FOR.toNanos()) {
            long before = generation.get();
            current = new Snapshot(List.copyOf(repository.listCoins()), now);
            // a read that began before an import committed must not put its older list back after changed()
            if (generation.get() == before) {
                snapshot = current;
            }
        }
        return current.coins();
    }

    /** Called after a committed change of coins or bars. */
    void changed() {
        generation.incrementAndGet();
        snapshot = null;
    }
}
