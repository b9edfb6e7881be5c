package com.byomlab.market;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The market data collector. Off unless {@code byom.market.source} names an exchange.
 *
 * <pre>
 * byom.market.source=                 binance | coinbase; unset: no collector (sample data and CSV import only)
 * byom.market.coins=BTC,ETH,SOL,...   coins to collect (default the sample set's six)
 * byom.market.history-days=730        how far back the first backfill reaches
 * byom.market.check-interval=1h       how often an instance checks whether a day is due (it asks nothing otherwise)
 * byom.market.request-timeout=20s     one HTTP request to the exchange
 * byom.market.lease=10m               how long a collecting instance holds the lease without storing a page
 * byom.market.max-wait=2m             the longest Retry-After waited inside a run; longer pauses this instance
 * byom.market.binance.base-url / .quote / .weight-budget / .page-size
 * byom.market.coinbase.base-url / .quote / .page-size / .min-interval
 * </pre>
 */
@ConfigurationProperties("byom.market")
record CollectorProperties(String source, List<String> coins, @DefaultValue("730") int historyDays,
                           @DefaultValue("1h") Duration checkInterval, @DefaultValue("20s") Duration requestTimeout,
                           @DefaultValue("10m") Duration lease, @DefaultValue("2m") Duration maxWait,
                           @DefaultValue Binance binance, @DefaultValue Coinbase coinbase) {

    static final List<String> DEFAULT_COINS = List.of("BTC", "ETH", "SOL", "XRP", "ADA", "DOGE");
    private static final Pattern COIN = Pattern.compile("[A-Z0-9]{1,15}");
    private static final Pattern QUOTE = Pattern.compile("[A-Z0-9]{2,10}");

    /**
     * @param baseUrl      the public market-data host Binance's docs name for keyless requests
     * @param quote        quote asset of the pair: BTC + USDT = BTCUSDT
     * @param weightBudget request weight per minute (X-MBX-USED-WEIGHT-1M) after which the collector waits for
     *                     the next minute; Binance allows 6000 per IP, a shared machine should leave most of it
     * @param pageSize     klines per request (Binance: at most 1000)
     */
    record Binance(@DefaultValue("https://data-api.binance.vision") URI baseUrl, @DefaultValue("USDT") String quote,
                   @DefaultValue("1000") int weightBudget, @DefaultValue("1000") int pageSize) {
    }

    /**
     * @param quote       quote currency of the product: BTC + USD = BTC-USD
     * @param pageSize    candles per request (Coinbase: at most 300)
     * @param minInterval pause between requests (Coinbase allows 10 per second per IP for public endpoints)
     */
    record Coinbase(@DefaultValue("https://api.exchange.coinbase.com") URI baseUrl, @DefaultValue("USD") String quote,
                    @DefaultValue("300") int pageSize, @DefaultValue("150ms") Duration minInterval) {
    }

    CollectorProperties {
        source = source == null || source.isBlank() ? null : source.strip().toLowerCase(Locale.ROOT);
        if (source != null && !source.equals("binance") && !source.equals("coinbase")) {
            throw new IllegalArgumentException("byom.market.source must be binance or coinbase (or unset for no "
                    + "collector), not '" + source + "'.");
        }
        coins = normalize(coins);
        if (historyDays < 1 || historyDays > 20_000) {
            throw new IllegalArgumentException("byom.market.history-days must be between 1 and 20000.");
        }
        if (binance == null) {
            binance = new Binance(URI.create("https://data-api.binance.vision"), "USDT", 1000, 1000);
        }
        if (coinbase == null) {
            coinbase = new Coinbase(URI.create("https://api.exchange.coinbase.com"), "USD", 300, Duration.ofMillis(150));
        }
        checkQuote("binance", binance.quote());
        checkQuote("coinbase", coinbase.quote());
        checkUrl("binance", binance.baseUrl());
        checkUrl("coinbase", coinbase.baseUrl());
        if (binance.pageSize() < 1 || binance.pageSize() > 1000) {
            throw new IllegalArgumentException("byom.market.binance.page-size must be between 1 and 1000 (Binance's limit).");
        }
        if (coinbase.pageSize() < 1 || coinbase.pageSize() > 300) {
            throw new IllegalArgumentException("byom.market.coinbase.page-size must be between 1 and 300 (Coinbase's limit).");
        }
    }

    boolean enabled() {
        return source != null;
    }

    URI baseUrl() {
        return "binance".equals(source) ? binance.baseUrl() : coinbase.baseUrl();
    }

    private static List<String> normalize(List<String> coins) {
        if (coins == null || coins.isEmpty()) {
            return DEFAULT_COINS;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String c : coins) {
            String s = c == null ? "" : c.strip().toUpperCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (!COIN.matcher(s).matches()) {
                throw new IllegalArgumentException("byom.market.coins: '" + s + "' is not a coin symbol (1-15 letters "
                        + "or digits, e.g. BTC,ETH,SOL).");
            }
            out.add(s);
        }
        if (out.size() > 50) {
            throw new IllegalArgumentException("byom.market.coins lists more than 50 coins.");
        }
        return out.isEmpty() ? DEFAULT_COINS : List.copyOf(new ArrayList<>(out));
    }

    private static void checkQuote(String source, String quote) {
        if (quote == null || !QUOTE.matcher(quote).matches()) {
            throw new IllegalArgumentException("byom.market." + source + ".quote must be 2-10 capital letters or digits "
                    + "(e.g. USDT, USD).");
        }
    }

    private static void checkUrl(String source, URI url) {
        if (url == null || url.getHost() == null
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("byom.market." + source + ".base-url must be an http(s) address such as "
                    + "https://example.com.");
        }
    }
}
