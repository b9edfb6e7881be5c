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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final AtomicInteger hangUps = new AtomicInteger();
    private volatile String expectedKey;
    private volatile Scenario scenario = Scenario.ok();
    private volatile List<String> models;
    private final List<String> defaultModels;
    private final ChatScript chat = new ChatScript();
    private final EmbeddingScript embeddings = new EmbeddingScript();

    protected FakeProviderServer(String expectedKey, List<String> defaultModels) {
        this.expectedKey = expectedKey;
        this.models = List.copyOf(defaultModels);
        this.defaultModels = List.copyOf(defaultModels);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            boolean cut = false;
            try {
                RecordedRequest request = record(exchange);
                requests.add(request);
                handle(exchange, request);
            } catch (ConnectionCut e) {
                // Leave the exchange unclosed and let the JDK server drop the socket when the handler throws: the
                // client sees a chunked body that ends without its terminator, like a network failure mid-stream.
                cut = true;
                throw e;
            } catch (RuntimeException e) {
                e.printStackTrace(); // a bug in a fake must be visible in the test output
            } finally {
                if (!cut) {
                    exchange.close();
                }
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

    /**
     * Back to a fresh fake for the next test when one fake serves a whole test run: scenario OK,
     * default models, no recorded requests, an empty chat script. The expected key stays as set.
     */
    public FakeProviderServer reset() {
        scenario = Scenario.ok();
        models = defaultModels;
        requests.clear();
        hangUps.set(0);
        chat.reset();
        embeddings.reset();
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

    /** The scripted chat answers and the chat requests seen. */
    public ChatScript chat() {
        return chat;
    }

    /** The scripted embeddings answers and the embeddings requests seen (providers with embeddings only). */
    public EmbeddingScript embeddings() {
        return embeddings;
    }

    /** Answers an embeddings request with the next scripted reply: a failure the provider's way, or {@code render}. */
    protected void answerEmbeddings(HttpExchange exchange, EmbeddingScript.Seen seen,
            java.util.function.Function<EmbeddingScript.Reply, String> render) throws IOException {
        EmbeddingScript.Reply reply = embeddings.next(seen);
        if (reply.failure() != null) {
            if (!playGenericScenario(exchange, reply.failure())) {
                sendFailure(exchange, reply.failure());
            }
            return;
        }
        sendJson(exchange, 200, render.apply(reply), Map.of());
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many answers held open by {@link Scenario#holdOpen()} ended because the client closed the connection. */
    public int hangUps() {
        return hangUps.get();
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

    /** The key this fake accepts, as it was given (for fakes whose auth is more than comparing a header). */
    protected String expectedKey() {
        return expectedKey;
    }

    protected boolean keyMatches(String presented) {
        return presented != null && presented.equals(expectedKey);
    }

    /** Plays the parts of a scenario that look the same for every provider; false when the caller must render. */
    protected boolean playGenericScenario(HttpExchange exchange) throws IOException {
        return playGenericScenario(exchange, scenario);
    }

    protected boolean playGenericScenario(HttpExchange exchange, Scenario scenario) throws IOException {
        switch (scenario.kind()) {
            case HANG -> {
                awaitClose();
                return true;
            }
            case HOLD_OPEN -> {
                holdOpenUntilHangUp(exchange);
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

    /**
     * Answers a chat request: checks nothing more (subclasses checked path and auth), takes the next scripted reply
     * and renders a failure through {@link #sendFailure}, a success through {@code render}.
     */
    protected void answerChat(HttpExchange exchange, ChatRequestSeen seen, ChatRenderer render) throws IOException {
        ChatReply reply = chat.next(seen);
        if (reply.isFailure()) {
            Scenario failure = reply.failure();
            if (seen.stream() && playsFailureAsStream(failure)) {
                try (SseStream sse = new SseStream(exchange, -1, sseLineEnd())) {
                    streamFailure(failure, sse, seen.model());
                }
            } else if (!playGenericScenario(exchange, failure)) {
                sendFailure(exchange, failure);
            }
            return;
        }
        if (seen.stream()) {
            try (SseStream sse = new SseStream(exchange, reply.cutAfterEvents(), sseLineEnd())) {
                sse.pauseAfter(reply.pauseAfterEvents(), reply.pauseRelease());
                render.stream(reply, sse);
            }
        } else if (reply.cutAfterEvents() >= 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"id\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            throw new ConnectionCut();
        } else {
            sendJson(exchange, 200, render.json(reply), Map.of());
        }
    }

    /** True when this provider reports {@code scenario} inside an open stream (Anthropic's error event). */
    protected boolean playsFailureAsStream(Scenario scenario) {
        return false;
    }

    protected void streamFailure(Scenario scenario, SseStream sse, String model) throws IOException {
        throw new UnsupportedOperationException("no in-stream failures for this provider");
    }

    /** SSE line ending; Gemini's streams use CRLF. */
    protected String sseLineEnd() {
        return "\n";
    }

    /** How a provider renders a scripted success. */
    protected interface ChatRenderer {
        String json(ChatReply reply);

        void stream(ChatReply reply, SseStream sse) throws IOException;
    }

    /** A provider's error answer for a scenario other than OK / HANG / MALFORMED_JSON / REDIRECT. */
    protected abstract void sendFailure(HttpExchange exchange, Scenario scenario) throws IOException;

    /** Thrown to drop the connection without finishing the response. */
    static final class ConnectionCut extends RuntimeException {
        ConnectionCut() {
            super("fake: connection cut on purpose", null, false, false);
        }
    }

    /**
     * A {@code text/event-stream} response (chunked): each event is written and flushed on its own, so the client
     * sees it at once. After {@code cutAfter} events (when not -1) the connection is dropped.
     */
    protected static final class SseStream implements AutoCloseable {
        private final OutputStream out;
        private final int cutAfter;
        private final String lineEnd;
        private int sent;
        private int pauseAfter = -1;
        private CountDownLatch pauseRelease;

        SseStream(HttpExchange exchange, int cutAfter, String lineEnd) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            this.out = exchange.getResponseBody();
            this.cutAfter = cutAfter;
            this.lineEnd = lineEnd;
        }

        /** {@code data: ...} only (OpenAI, Gemini). */
        public void data(String data) throws IOException {
            write("data: " + data + lineEnd + lineEnd);
        }

        /** {@code event: name} plus {@code data: ...} (Anthropic's named events). */
        public void event(String name, String data) throws IOException {
            write("event: " + name + lineEnd + "data: " + data + lineEnd + lineEnd);
        }

        /** After {@code events} events, wait for {@code release} before the next one (-1: never). */
        void pauseAfter(int events, CountDownLatch release) {
            this.pauseAfter = events;
            this.pauseRelease = release;
        }

        private void write(String event) throws IOException {
            if (cutAfter >= 0 && sent >= cutAfter) {
                throw new ConnectionCut();
            }
            if (pauseAfter >= 0 && sent == pauseAfter && pauseRelease != null) {
                try {
                    pauseRelease.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
            sent++;
        }

        @Override
        public void close() throws IOException {
            if (cutAfter >= 0) {
                throw new ConnectionCut(); // the script asked for a cut even if the answer was shorter
            }
            out.close();
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

    /** See {@link Scenario#holdOpen()}: a write fails once the client has closed the connection. */
    private void holdOpenUntilHangUp(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            do {
                out.write(' ');
                out.flush();
            } while (!closed.await(20, TimeUnit.MILLISECONDS));
        } catch (IOException clientClosed) {
            hangUps.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
