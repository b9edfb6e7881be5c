package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Base of the fake LLM providers: a JDK HttpServer on 127.0.0.1 and a random port that records every
 * request, checks it the way the real provider would (subclasses: path, method, auth), and then plays the
 * scripted {@link Scenario}. Subclasses add endpoints (chat, streaming) by extending {@link #handle}.
 *
 * <pre>{@code
 * try (FakeOpenAi openai = FakeOpenAi.start("sk-test")) {
 *     openai.models("gpt-4o", "gpt-4o-mini").script(Scenario.rateLimited(7));
 *     ... call openai.baseUrl() ...
 *     assertThat(openai.lastRequest().header("authorization")).hasValue("Bearer sk-test");
 * }
 * }</pre>
 */
public abstract class FakeProviderServer implements AutoCloseable {

    static {
        // Disable Nagle on the JDK server's sockets (read once, when the server classes load), so small
        // responses are not held back by delayed ACKs in benchmarks.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-provider");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile String expectedKey;
    private volatile Scenario scenario = Scenario.ok();
    private volatile List<String> models;

    protected FakeProviderServer(String expectedKey, List<String> defaultModels) {
        this.expectedKey = expectedKey;
        this.models = List.copyOf(defaultModels);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                RecordedRequest request = record(exchange);
                requests.add(request);
                handle(exchange, request);
            } catch (RuntimeException e) {
                e.printStackTrace(); // a bug in a fake must be visible in the test output
            }
        });
        server.start();
    }

    /** Route, check and answer one request. */
    protected abstract void handle(HttpExchange exchange, RecordedRequest request) throws IOException;

    /** Every message text this fake can put in an error body: none may reach a user-facing result. */
    public abstract List<String> rawErrorTexts();

    /** http://127.0.0.1:port, no path. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL a client is configured with (origin plus the provider's API root). */
    public abstract String baseUrl();

    public FakeProviderServer script(Scenario next) {
        this.scenario = next;
        return this;
    }

    public FakeProviderServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    public FakeProviderServer expectKey(String key) {
        this.expectedKey = key;
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake received no request");
        }
        return requests.get(requests.size() - 1);
    }

    protected Scenario scenario() {
        return scenario;
    }

    protected List<String> modelIds() {
        return models;
    }

    protected boolean keyMatches(String presented) {
        return presented != null && presented.equals(expectedKey);
    }

    /** Plays the parts of a scenario that look the same for every provider; false when the caller must render. */
    protected boolean playGenericScenario(HttpExchange exchange) throws IOException {
        switch (scenario.kind()) {
            case HANG -> {
                awaitClose();
                return true;
            }
            case MALFORMED_JSON -> {
                send(exchange, 200, "application/json", "{\"data\":[{\"id\":\"trunc", Map.of());
                return true;
            }
            case REDIRECT -> {
                send(exchange, 302, "text/plain", "", Map.of("Location", scenario.location()));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    protected static Map<String, String> retryAfter(Scenario scenario) {
        return scenario.retryAfterSeconds() == null ? Map.of()
                : Map.of("Retry-After", String.valueOf(scenario.retryAfterSeconds()));
    }

    protected void sendJson(HttpExchange exchange, int status, String json, Map<String, String> headers)
            throws IOException {
        send(exchange, status, "application/json", json, headers);
    }

    /** Headers and the whole body in one go (fixed length, one write). */
    protected void send(HttpExchange exchange, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Parses a raw query string (no decoding subtleties needed for the parameters fakes check). */
    protected static Map<String, String> queryParams(RecordedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    /** JSON string literal with escaping, for building bodies by hand. */
    protected static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
    }

    @Override
    public void close() {
        closed.countDown(); // releases hanging handlers first, so stop() does not wait on them
        server.stop(0);
        executor.shutdownNow();
    }
}
