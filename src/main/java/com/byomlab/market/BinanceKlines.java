package com.byomlab.market;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Binance spot klines: {@code GET /api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=&endTime=&limit=} (weight 2,
 * at most 1000 per request, oldest first). Each kline is an array {@code [openTime, open, high, low, close, volume,
 * closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]}, times in ms, prices as strings. Every
 * answer carries {@code X-MBX-USED-WEIGHT-1M}, the IP's weight used this minute: past the configured budget the
 * collector waits for the next minute. 418 is an IP ban (Retry-After says until when); 451 means Binance refuses
 * the machine's location.
 */
final class BinanceKlines implements Exchange {

    private static final Logger log = LoggerFactory.getLogger(BinanceKlines.class);
    static final String WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

    private final CollectorProperties.Binance settings;
    private final ExchangeHttp http;

    BinanceKlines(CollectorProperties.Binance settings, ExchangeHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String id() {
        return "binance";
    }

    @Override
    public String pair(String coin) {
        return coin + settings.quote();
    }

    @Override
    public int pageDays() {
        return settings.pageSize();
    }

    @Override
    public BarCheck.Order order() {
        return BarCheck.Order.OLDEST_FIRST;
    }

    @Override
    public ExchangeHttp http() {
        return http;
    }

    @Override
    public List<Candle> fetch(String pair, LocalDate from, LocalDate to) throws CollectorException, InterruptedException {
        long start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
        URI uri = Exchange.join(settings.baseUrl(), "/api/v3/klines?symbol=" + pair + "&interval=1d&startTime=" + start
                + "&endTime=" + end + "&limit=" + settings.pageSize());
        ExchangeHttp.Answer answer = http.get(uri);
        switch (answer.status()) {
            case 200 -> {
                List<Candle> candles = parse(pair, answer.body());
                respectWeight(answer);
                return candles;
            }
            case 451 -> throw CollectorException.pause("Binance refuses requests from this machine's location (HTTP 451: "
                    + "service unavailable from a restricted location, under its terms of use). Nothing was collected. "
                    + "Run the service where Binance is available, or set byom.market.source=coinbase. This instance "
                    + "asks again in " + LOCATION_PAUSE.toHours() + " h.", http.clock().instant().plus(LOCATION_PAUSE));
            case 418 -> {
                Duration ban = http.retryAfter(answer.headers()).orElse(Duration.ofMinutes(2));
                Instant until = http.clock().instant().plus(ban);
                throw CollectorException.pause("Binance has banned this machine's IP address for too many requests "
                        + "(HTTP 418) until " + until + "; collection pauses until then.", until);
            }
            case 403 -> throw CollectorException.run("Binance refused the request (HTTP 403: its web application "
                    + "firewall, which also acts on rate limits); the next check tries again.");
            default -> {
                String message = Exchange.shortMessage(answer.body(), "msg");
                if (answer.status() == 400 && message.toLowerCase(java.util.Locale.ROOT).contains("invalid symbol")) {
                    throw CollectorException.coin("Binance has no spot pair " + pair + " (\"" + message + "\"). Check "
                            + "byom.market.coins and byom.market.binance.quote.");
                }
                throw CollectorException.coin("Binance answered HTTP " + answer.status() + " for " + pair
                        + (message.isEmpty() ? "" : " (\"" + message + "\")") + ".");
            }
        }
    }

    private static List<Candle> parse(String pair, String body) throws CollectorException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw CollectorException.coin("Binance sent klines for " + pair + " that are not JSON.");
        }
        if (!root.isArray()) {
            throw CollectorException.coin("Binance sent something other than a list of klines for " + pair + ".");
        }
        List<Candle> out = new ArrayList<>();
        for (JsonNode k : root) {
            if (!k.isArray() || k.size() < 7 || !k.get(0).isIntegralNumber() || !k.get(6).isIntegralNumber()) {
                throw CollectorException.coin("Binance sent a kline for " + pair + " that is not the documented "
                        + "[openTime, open, high, low, close, volume, closeTime, ...] array.");
            }
            out.add(new Candle(Instant.ofEpochMilli(k.get(0).longValue()), Instant.ofEpochMilli(k.get(6).longValue()),
                    Exchange.text(k.get(1)), Exchange.text(k.get(2)), Exchange.text(k.get(3)), Exchange.text(k.get(4)),
                    Exchange.text(k.get(5))));
        }
        return out;
    }

    /** Past the budget, wait for the next minute, when Binance's 1-minute weight counter starts again. */
    private void respectWeight(ExchangeHttp.Answer answer) throws InterruptedException {
        String used = answer.headers().firstValue(WEIGHT_HEADER).orElse("").strip();
        if (!used.matches("\\d{1,9}") || Integer.parseInt(used) < settings.weightBudget()) {
            return;
        }
        long now = http.clock().millis();
        Duration wait = Duration.ofMillis(60_000 - now % 60_000 + 500);
        log.info("Binance request weight used this minute is {} (budget {}): waiting {} ms for the next minute", used,
                settings.weightBudget(), wait.toMillis());
        http.sleeper().sleep(wait);
    }
}
