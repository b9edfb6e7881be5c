package com.byomlab.market;

import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Read access to stored daily prices, for the agent's tools and the API. Symbols are matched
 * case-insensitively; an unknown one raises {@link UnknownSymbolException}, whose message lists the
 * symbols that exist.
 */
@Service
public class MarketData {

    private final MarketRepository repository;
    private final CoinList coins;

    MarketData(MarketRepository repository, CoinList coins) {
        this.repository = repository;
        this.coins = coins;
    }

    /**
     * Every coin with its date range, number of days and data source, ordered by symbol. May lag another
     * instance's import by up to {@link CoinList#FRESH_FOR}.
     */
    public List<Coin> listCoins() {
        return coins.coins();
    }

    /**
     * Daily bars from {@code from} to {@code to}, both inclusive, oldest first; a null bound is open.
     * Empty when the coin exists but has no bars in the window.
     *
     * @throws UnknownSymbolException   when there is no such coin
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public List<PriceBar> history(String symbol, LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ").");
        }
        return repository.history(known(symbol), from == null ? LocalDate.of(1, 1, 1) : from,
                to == null ? LocalDate.of(9999, 12, 31) : to);
    }

    /**
     * Where the coin's bars from {@code from} to {@code to} (both inclusive) came from, and how many days in
     * that window have none.
     *
     * @throws UnknownSymbolException when there is no such coin
     */
    public DataProvenance provenance(String symbol, LocalDate from, LocalDate to) {
        String known = known(symbol);
        return DataProvenance.of(known, from, to, repository.sources(known, from, to));
    }

    /** The most recent bar, empty when the coin has none yet. */
    public Optional<PriceBar> latest(String symbol) {
        return repository.latest(known(symbol));
    }

    private String known(String symbol) {
        String normalized = normalize(symbol);
        if (normalized.isEmpty() || !repository.coinExists(normalized)) {
            throw new UnknownSymbolException(symbol == null ? "" : symbol.trim(), repository.symbols());
        }
        return normalized;
    }

    static String normalize(String symbol) {
        return symbol == null ? "" : symbol.trim().toUpperCase(Locale.ROOT);
    }
}
