package com.byomlab.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Base of the fake public exchange APIs: a JDK HttpServer on 127.0.0.1 that records every request, plays scripted
 * answers first (a 429, a 451, a 500...), and otherwise serves deterministic daily prices for the pairs it lists,
 * from each pair's listing day up to the day before {@link #today}. Prices can be spoiled day by day to test that
 * the collector refuses them.
 */
public abstract class FakeExchange implements AutoCloseable {

    /** How one day's bar is spoiled. */
    public enum Spoil { ZERO_PRICE, NEGATIVE_PRICE, HIGH_BELOW_LOW, NOT_A_NUMBER, MISSING, DUPLICATE, DUPLICATE_DIFFERENT }

    /** One bar's numbers as text, exactly as the exchange would print them. */
    public record Bar(LocalDate date, String open, String high, String low, String close, String volume) {
    }

    private record Scripted(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> scripted = new ConcurrentLinkedDeque<>();
    private final Map<String, LocalDate> listed = new ConcurrentHashMap<>();
    private final Map<LocalDate, Spoil> spoiled = new ConcurrentHashMap<>();
    private volatile LocalDate today = LocalDate.of(2026, 12, 10);
    private volatile CountDownLatch gate;
    private volatile boolean reversed;
    private volatile Scripted failure;
    private volatile int failFrom;

    protected FakeExchange() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-exchange");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                String rawQuery = exchange.getRequestURI().getRawQuery();
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
                RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), rawQuery, headers, "");
                requests.add(request);
                CountDownLatch g = gate;
                if (g != null && !g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the fake exchange's gate");
                }
                Scripted failing = failure;
                if (failing != null && requests.size() >= failFrom) {
                    send(exchange, failing.status(), failing.body(), failing.headers());
                    return;
                }
                Scripted next = scripted.pollFirst();
                if (next != null) {
                    send(exchange, next.status(), next.body(), next.headers());
                    return;
                }
                handle(exchange, request, query(rawQuery));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                e.printStackTrace(); // a bug in a fake must be visible in the test output
                throw e;
            }
        });
        server.start();
    }

    /** Answers one request that no scripted answer took. */
    protected abstract void handle(HttpExchange exchange, RecordedRequest request, Map<String, String> query)
            throws IOException;

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Back to a fresh fake: no requests, scripts, spoiled days, gate or listings beyond the defaults. */
    public FakeExchange reset() {
        requests.clear();
        scripted.clear();
        spoiled.clear();
        listed.clear();
        gate = null;
        reversed = false;
        failure = null;
        today = LocalDate.of(2026, 12, 10);
        return this;
    }

    /** The exchange's pair (e.g. BTCUSDT, BTC-USD) trades from this day on; unlisted pairs are unknown to it. */
    public FakeExchange list(String pair, LocalDate from) {
        listed.put(pair, from);
        return this;
    }

    /** The exchange's current UTC day: it has bars up to the day before (and an unfinished one for today). */
    public FakeExchange today(LocalDate day) {
        this.today = day;
        return this;
    }

    /** The next answer, before any normal one: status, body, headers as name/value pairs. */
    public FakeExchange enqueue(int status, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        scripted.addLast(new Scripted(status, h, body));
        return this;
    }

    /** From the n-th request on (1-based, counting every request), answers this status and body. */
    public FakeExchange failFrom(int n, int status, String body) {
        failFrom = n;
        failure = new Scripted(status, Map.of(), body);
        return this;
    }

    public FakeExchange spoil(LocalDate day, Spoil how) {
        spoiled.put(day, how);
        return this;
    }

    /** Answers in the reverse of the documented order. */
    public FakeExchange reversed() {
        reversed = true;
        return this;
    }

    /** Holds every request until the returned latch is counted down. */
    public CountDownLatch hold() {
        CountDownLatch g = new CountDownLatch(1);
        gate = g;
        return g;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Waits (up to 10 s) until the fake has received this many requests. */
    public void awaitRequests(int count) throws InterruptedException {
        for (int i = 0; i < 400 && requests.size() < count; i++) {
            Thread.sleep(25);
        }
        if (requests.size() < count) {
            throw new AssertionError("the fake exchange received " + requests.size() + " request(s), not " + count);
        }
    }

    protected LocalDate today() {
        return today;
    }

    protected LocalDate listedFrom(String pair) {
        return listed.get(pair);
    }

    protected boolean isReversed() {
        return reversed;
    }

    /**
     * The bars the exchange has for the pair from {@code from} to {@code to} (inclusive), oldest first, with
     * spoiled days as configured; today's is unfinished and days before the listing do not exist.
     */
    protected List<Bar> bars(String pair, LocalDate from, LocalDate to) {
        LocalDate listing = listed.get(pair);
        List<Bar> out = new ArrayList<>();
        for (LocalDate d = from.isBefore(listing) ? listing : from; !d.isAfter(to) && !d.isAfter(today); d = d.plusDays(1)) {
            Spoil spoil = spoiled.get(d);
            Bar bar = price(pair, d);
            if (spoil == null) {
                out.add(bar);
                continue;
            }
            switch (spoil) {
                case MISSING -> { }
                case ZERO_PRICE -> out.add(new Bar(d, "0", bar.high(), "0", bar.close(), bar.volume()));
                case NEGATIVE_PRICE -> out.add(new Bar(d, bar.open(), bar.high(), "-1.5", bar.close(), bar.volume()));
                case HIGH_BELOW_LOW -> out.add(new Bar(d, bar.open(), bar.low(), bar.high(), bar.close(), bar.volume()));
                case NOT_A_NUMBER -> out.add(new Bar(d, bar.open(), bar.high(), bar.low(), "12,5", bar.volume()));
                case DUPLICATE -> {
                    out.add(bar);
                    out.add(bar);
                }
                case DUPLICATE_DIFFERENT -> {
                    out.add(bar);
                    out.add(new Bar(d, bar.open(), bar.high(), bar.low(), bar.open(), bar.volume()));
                }
                default -> throw new IllegalStateException(spoil.toString());
            }
        }
        return out;
    }

    /** The deterministic price of a pair on a day: a smooth wave, high and low rounded outwards. */
    public static Bar price(String pair, LocalDate day) {
        long n = day.toEpochDay();
        double base = 100 + Math.abs(pair.hashCode() % 900);
        double close = base * (1 + 0.2 * Math.sin(n / 9.0));
        double open = base * (1 + 0.2 * Math.sin((n - 1) / 9.0));
        BigDecimal o = scale(open, RoundingMode.HALF_UP);
        BigDecimal c = scale(close, RoundingMode.HALF_UP);
        BigDecimal h = scale(Math.max(open, close) * 1.03, RoundingMode.UP).max(o.max(c));
        BigDecimal l = scale(Math.min(open, close) * 0.97, RoundingMode.DOWN).min(o.min(c));
        return new Bar(day, o.toPlainString(), h.toPlainString(), l.toPlainString(), c.toPlainString(),
                BigDecimal.valueOf(1000 + n % 50).setScale(8, RoundingMode.UNNECESSARY).toPlainString());
    }

    private static BigDecimal scale(double v, RoundingMode mode) {
        return new BigDecimal(v).setScale(8, mode);
    }

    protected static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
