package com.byomlab.market;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Coinbase Exchange candles: {@code GET /products/BTC-USD/candles?granularity=86400&start=&end=} (ISO 8601 times;
 * a range of more than 300 buckets is rejected, so one request covers at most 300 days). The answer is
 * {@code [[time, low, high, open, close, volume], ...]}, time in seconds, newest first; some candles may precede
 * {@code start}, and days without trades have none. Public endpoints allow 10 requests per second per IP; more
 * get 429.
 */
final class CoinbaseCandles implements Exchange {

    private final CollectorProperties.Coinbase settings;
    private final ExchangeHttp http;

    CoinbaseCandles(CollectorProperties.Coinbase settings, ExchangeHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String id() {
        return "coinbase";
    }

    @Override
    public String pair(String coin) {
        return coin + "-" + settings.quote();
    }

    @Override
    public int pageDays() {
        return settings.pageSize();
    }

    @Override
    public BarCheck.Order order() {
        return BarCheck.Order.NEWEST_FIRST;
    }

    @Override
    public ExchangeHttp http() {
        return http;
    }

    @Override
    public List<Candle> fetch(String pair, LocalDate from, LocalDate to) throws CollectorException, InterruptedException {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        // one second before the next day: the range holds exactly the asked days' buckets, whether or not the
        // API counts its end as inclusive
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
        URI uri = Exchange.join(settings.baseUrl(), "/products/" + pair + "/candles?granularity=86400&start=" + start
                + "&end=" + end);
        ExchangeHttp.Answer answer = http.get(uri);
        String message = Exchange.shortMessage(answer.body(), "message");
        return switch (answer.status()) {
            case 200 -> parse(pair, answer.body());
            case 451 -> throw CollectorException.pause("Coinbase refuses requests from this machine's location "
                    + "(HTTP 451). Nothing was collected. Run the service where Coinbase Exchange is available, or set "
                    + "byom.market.source=binance. This instance asks again in " + LOCATION_PAUSE.toHours() + " h.",
                    http.clock().instant().plus(LOCATION_PAUSE));
            case 403 -> throw CollectorException.run("Coinbase refused the request (HTTP 403"
                    + (message.isEmpty() ? "" : ": \"" + message + "\"") + "); the next check tries again.");
            case 404 -> throw CollectorException.coin("Coinbase Exchange has no product " + pair
                    + (message.isEmpty() ? "" : " (\"" + message + "\")") + ". Check byom.market.coins and "
                    + "byom.market.coinbase.quote.");
            default -> throw CollectorException.coin("Coinbase answered HTTP " + answer.status() + " for " + pair
                    + (message.isEmpty() ? "" : " (\"" + message + "\")") + ".");
        };
    }

    private static List<Candle> parse(String pair, String body) throws CollectorException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw CollectorException.coin("Coinbase sent candles for " + pair + " that are not JSON.");
        }
        if (!root.isArray()) {
            throw CollectorException.coin("Coinbase sent something other than a list of candles for " + pair + ".");
        }
        List<Candle> out = new ArrayList<>();
        for (JsonNode c : root) {
            if (!c.isArray() || c.size() < 6 || !c.get(0).isIntegralNumber()) {
                throw CollectorException.coin("Coinbase sent a candle for " + pair + " that is not the documented "
                        + "[time, low, high, open, close, volume] array.");
            }
            out.add(new Candle(Instant.ofEpochSecond(c.get(0).longValue()), null, Exchange.text(c.get(3)),
                    Exchange.text(c.get(2)), Exchange.text(c.get(1)), Exchange.text(c.get(4)), Exchange.text(c.get(5))));
        }
        return out;
    }
}
