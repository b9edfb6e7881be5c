package com.byomlab.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Coinbase Exchange's {@code GET /products/{product_id}/candles} as its API reference describes it:
 * {@code granularity} one of 60, 300, 900, 3600, 21600, 86400; {@code start}/{@code end} ISO 8601; a range of more
 * than 300 buckets is rejected with 400; the answer is {@code [[time, low, high, open, close, volume], ...]}, time
 * in seconds, numbers as JSON numbers, newest first; an unknown product is 404 {@code {"message":"NotFound"}}.
 * {@link #precedeStart()} adds the candle before {@code start}, which the reference says may happen.
 */
public final class FakeCoinbase extends FakeExchange {

    private static final Pattern PATH = Pattern.compile("/products/([^/]+)/candles");
    private static final Set<String> GRANULARITIES = Set.of("60", "300", "900", "3600", "21600", "86400");
    private volatile boolean precedeStart;

    public static FakeCoinbase start() {
        return new FakeCoinbase();
    }

    @Override
    public FakeCoinbase reset() {
        super.reset();
        precedeStart = false;
        return this;
    }

    public FakeCoinbase precedeStart() {
        precedeStart = true;
        return this;
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request, Map<String, String> q) throws IOException {
        Matcher m = PATH.matcher(request.path());
        if (!request.method().equals("GET") || !m.matches()) {
            send(exchange, 404, "{\"message\":\"NotFound\"}", Map.of());
            return;
        }
        String product = m.group(1);
        if (listedFrom(product) == null) {
            send(exchange, 404, "{\"message\":\"NotFound\"}", Map.of());
            return;
        }
        String granularity = q.getOrDefault("granularity", "60");
        if (!GRANULARITIES.contains(granularity)) {
            send(exchange, 400, "{\"message\":\"Unsupported granularity\"}", Map.of());
            return;
        }
        if (!granularity.equals("86400")) {
            throw new IllegalStateException("this fake serves daily candles only");
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(q.get("start"));
            end = Instant.parse(q.get("end"));
        } catch (DateTimeParseException | NullPointerException e) {
            send(exchange, 400, "{\"message\":\"start and end must be ISO 8601 times\"}", Map.of());
            return;
        }
        long firstBucket = Math.floorDiv(start.getEpochSecond() + 86_399, 86_400);
        long lastBucket = Math.floorDiv(end.getEpochSecond(), 86_400);
        if (lastBucket - firstBucket + 1 > 300) {
            send(exchange, 400, "{\"message\":\"granularity too small for the requested time range. Count of "
                    + "aggregations requested exceeds 300\"}", Map.of());
            return;
        }
        LocalDate from = LocalDate.ofEpochDay(precedeStart ? firstBucket - 1 : firstBucket);
        List<Bar> bars = new ArrayList<>(bars(product, from, LocalDate.ofEpochDay(lastBucket)));
        if (!isReversed()) {
            Collections.reverse(bars); // newest first, as documented
        }
        send(exchange, 200, bars.stream().map(FakeCoinbase::candle).collect(Collectors.joining(",", "[", "]")), Map.of());
    }

    private static String candle(Bar b) {
        return "[" + b.date().atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "," + number(b.low()) + ","
                + number(b.high()) + "," + number(b.open()) + "," + number(b.close()) + "," + number(b.volume()) + "]";
    }

    /** A JSON number where the bar holds one; a spoiled non-number stays a string, as a broken API would send. */
    private static String number(String text) {
        return text.matches("-?\\d+(\\.\\d+)?") ? text : "\"" + text + "\"";
    }

    /** The days a recorded candles request asked for, as "from..to". */
    public static String window(RecordedRequest r) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String part : r.query().split("&")) {
            q.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        return LocalDate.ofInstant(Instant.parse(q.get("start")), ZoneOffset.UTC) + ".."
                + LocalDate.ofInstant(Instant.parse(q.get("end")), ZoneOffset.UTC);
    }
}
