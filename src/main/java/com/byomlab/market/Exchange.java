package com.byomlab.market;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** One public exchange API the collector reads daily bars from. */
interface Exchange {

    /** Prices stay exact decimals: a double would turn 0.1 into 0.1000000000000000055... */
    JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** How long a refused location (HTTP 451) keeps this instance from asking again. */
    Duration LOCATION_PAUSE = Duration.ofHours(24);

    /** {@code binance} or {@code coinbase}: the value of byom.market.source. */
    String id();

    /** The exchange's pair for a coin, e.g. BTCUSDT or BTC-USD. */
    String pair(String coin);

    /** Days asked for in one request (the API's page size). */
    int pageDays();

    BarCheck.Order order();

    ExchangeHttp http();

    /** Daily bars from {@code from} to {@code to}, both inclusive (UTC days), as the exchange sent them. */
    List<Candle> fetch(String pair, LocalDate from, LocalDate to) throws CollectorException, InterruptedException;

    /** The source recorded on each bar: exchange and pair, e.g. binance:BTCUSDT. */
    default String barSource(String pair) {
        return id() + ":" + pair;
    }

    static URI join(URI base, String pathAndQuery) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery);
    }

    /** A number as text, exactly as sent; anything else as its JSON, so that the check refuses it by name. */
    static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isNumber() ? node.decimalValue().toPlainString() : node.toString();
    }

    /** The exchange's own short error text, printable characters only. */
    static String shortMessage(String body, String field) {
        String message;
        try {
            message = JSON.readTree(body).path(field).asString("");
        } catch (RuntimeException e) {
            message = "";
        }
        message = message.replaceAll("[^\\p{Print}]", "?");
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }
}
