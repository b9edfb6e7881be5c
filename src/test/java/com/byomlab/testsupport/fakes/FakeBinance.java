package com.byomlab.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Binance's spot {@code GET /api/v3/klines} as its API documentation describes it: {@code symbol}, {@code interval},
 * {@code startTime}/{@code endTime} in ms (both inclusive of a kline's open time), {@code limit} (default 500,
 * at most 1000); the answer is klines oldest first, each {@code [openTime, "open", "high", "low", "close",
 * "volume", closeTime, "quoteVolume", trades, "takerBase", "takerQuote", "0"]}; errors are
 * {@code {"code": -1121, "msg": "Invalid symbol."}} with 400; every answer carries {@code X-MBX-USED-WEIGHT-1M}
 * (2 per klines request here, or what the test sets).
 */
public final class FakeBinance extends FakeExchange {

    private static final long DAY = 86_400_000L;
    private final AtomicInteger usedWeight = new AtomicInteger();
    private volatile Integer reportedWeight;

    public static FakeBinance start() {
        return new FakeBinance();
    }

    @Override
    public FakeBinance reset() {
        super.reset();
        usedWeight.set(0);
        reportedWeight = null;
        return this;
    }

    /** The weight the next answers report as used this minute (null: the running count). */
    public FakeBinance reportWeight(Integer weight) {
        this.reportedWeight = weight;
        return this;
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request, Map<String, String> q) throws IOException {
        int weight = usedWeight.addAndGet(2);
        Integer reported = reportedWeight;
        Map<String, String> headers = Map.of("X-MBX-USED-WEIGHT-1M", Integer.toString(reported == null ? weight : reported));
        if (!request.method().equals("GET") || !request.path().equals("/api/v3/klines")) {
            send(exchange, 404, "", headers);
            return;
        }
        String symbol = q.get("symbol");
        if (symbol == null || symbol.isEmpty()) {
            send(exchange, 400, error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."), headers);
            return;
        }
        if (!"1d".equals(q.get("interval"))) {
            send(exchange, 400, error(-1120, "Invalid interval."), headers);
            return;
        }
        if (listedFrom(symbol) == null) {
            send(exchange, 400, error(-1121, "Invalid symbol."), headers);
            return;
        }
        int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 500;
        if (limit < 1 || limit > 1000) {
            send(exchange, 400, error(-1130, "Data sent for parameter 'limit' is not valid."), headers);
            return;
        }
        LocalDate from = q.containsKey("startTime") ? day(Long.parseLong(q.get("startTime")), true) : today().minusDays(limit - 1L);
        LocalDate to = q.containsKey("endTime") ? day(Long.parseLong(q.get("endTime")), false) : today();
        List<Bar> bars = bars(symbol, from, to);
        bars = new ArrayList<>(bars.subList(0, Math.min(limit, bars.size())));
        if (isReversed()) {
            Collections.reverse(bars);
        }
        String body = bars.stream().map(this::kline).collect(Collectors.joining(",", "[", "]"));
        send(exchange, 200, body, headers);
    }

    /** The first day whose open time is at or after (start) / at or before (end) the given ms. */
    private static LocalDate day(long millis, boolean start) {
        long d = Math.floorDiv(millis, DAY);
        if (start && millis % DAY != 0) {
            d++;
        }
        return LocalDate.ofEpochDay(d);
    }

    private String kline(Bar b) {
        long open = b.date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        // today's kline is unfinished: it closes at the end of the day like the others, which has not come yet
        long close = open + DAY - 1;
        return "[" + open + ",\"" + b.open() + "\",\"" + b.high() + "\",\"" + b.low() + "\",\"" + b.close() + "\",\""
                + b.volume() + "\"," + close + ",\"1000.00000000\",42,\"1.00000000\",\"100.00000000\",\"0\"]";
    }

    private static String error(int code, String msg) {
        return "{\"code\":" + code + ",\"msg\":\"" + msg.replace("\"", "\\\"") + "\"}";
    }

    /** Open time of a day in ms, as a request's startTime. */
    public static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The days a recorded klines request asked for, as "from..to". */
    public static String window(RecordedRequest r) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String part : r.query().split("&")) {
            q.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        return LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(q.get("startTime"))), ZoneOffset.UTC) + ".."
                + LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(q.get("endTime"))), ZoneOffset.UTC);
    }
}
