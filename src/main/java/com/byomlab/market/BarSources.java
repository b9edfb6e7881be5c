package com.byomlab.market;

import java.time.LocalDate;

/**
 * Where bars came from. Each bar stores a short code: {@code sample} (the bundled synthetic set), {@code csv} (an
 * import), or the exchange and its pair ({@code binance:BTCUSDT}, {@code coinbase:BTC-USD}); {@link #describe}
 * says it in words for people and for the model.
 */
public final class BarSources {

    static final String SAMPLE = "sample";
    static final String CSV = "csv";
    static final String UNKNOWN = "unknown";

    /** A coin's bars from one source: its first and last day and how many days it holds. */
    public record Span(String source, String description, LocalDate firstDate, LocalDate lastDate, int days) {
    }

    record CoinSpan(String symbol, Span span) {
    }

    private BarSources() {
    }

    static String describe(String source) {
        if (source == null) {
            return "unknown";
        }
        int colon = source.indexOf(':');
        String kind = colon < 0 ? source : source.substring(0, colon);
        String pair = colon < 0 ? "" : source.substring(colon + 1);
        return switch (kind) {
            case SAMPLE -> "synthetic sample data (not real prices)";
            case CSV -> "CSV import";
            case UNKNOWN -> "sample data or CSV import (stored before the source of each bar was recorded)";
            case "binance" -> "Binance spot " + pair + " daily klines (UTC days)";
            case "coinbase" -> "Coinbase Exchange " + pair + " daily candles (UTC days)";
            default -> source;
        };
    }
}
