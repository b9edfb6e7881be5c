package com.byomlab.llm.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.byomlab.llm.BaseUrlPolicy;
import com.sun.net.httpserver.HttpServer;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventListener;

/** The LangChain4j client contract the chat models will rely on: plain calls, SSE streams, timeouts. */
class GuardedHttpClientTest {

    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ProviderHttpClients clients;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stream", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = "event: delta\ndata: {\"a\":1}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/denied", exchange -> {
            byte[] body = "{\"error\":{\"message\":\"Incorrect API key provided: sk-ab***yz\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (released.getCount() > 0) { // one byte every 200 ms: never idle long enough for a read timeout
                    out.write(' ');
                    out.flush();
                    released.await(200, TimeUnit.MILLISECONDS);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should
            }
        });
        server.createContext("/latin1", exchange -> { // a declared length, in the charset the header names
            byte[] body = "{\"text\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=\"ISO-8859-1\"");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> { // no declared length: read in growing pieces
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("{\"text\":\"" + "é".repeat(3000) + "\"}").getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        clients = new ProviderHttpClients(new BaseUrlPolicy(true));
    }

    @AfterEach
    void stop() {
        released.countDown();
        clients.close();
        server.stop(0);
    }

    private HttpRequest get(String path) {
        return HttpRequest.builder().method(HttpMethod.GET)
                .url("http://127.0.0.1:" + server.getAddress().getPort() + path).build();
    }

    @Test
    void streamsServerSentEventsToTheListener() throws Exception {
        RecordingListener listener = new RecordingListener();

        clients.trustedEndpoint().readTimeout(Duration.ofSeconds(2)).build().execute(get("/stream"), listener);

        assertThat(listener.done.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(listener.opened.statusCode()).isEqualTo(200);
        assertThat(listener.events).extracting(ServerSentEvent::data).containsExactly("{\"a\":1}", "[DONE]");
        assertThat(listener.events.get(0).event()).isEqualTo("delta");
    }

    @Test
    void aStreamReadToItsEndLeavesItsConnectionForTheNextCall() throws Exception {
        for (int i = 0; i < 3; i++) {
            RecordingListener listener = new RecordingListener();
            clients.trustedEndpoint().readTimeout(Duration.ofSeconds(2)).build().execute(get("/stream"), listener);
            assertThat(listener.done.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        }

        // one client port: the same TCP connection served all three (no new handshake per LLM call)
        assertThat(clientPorts).hasSize(3);
        assertThat(clientPorts.stream().distinct()).hasSize(1);
    }

    @Test
    void aPerCallClientTakesItsAbortAndObserverFromTheCallScopeAndRefusesToRunWithoutOne() throws Exception {
        var client = clients.trustedEndpoint().readTimeout(Duration.ofSeconds(2)).perCall().build();
        assertThatThrownBy(() -> client.execute(get("/stream"), new RecordingListener()))
                .isInstanceOf(IllegalStateException.class);

        List<String> observed = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener();
        try (CallScope scope = CallScope.enter(java.util.Map.of(), new CallAbort(), observed::add)) {
            client.execute(get("/stream"), listener);
        }
        assertThat(listener.done.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(observed).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void streamErrorStatusReachesTheListenerWithoutTheBodyInItsMessage() throws Exception {
        RecordingListener listener = new RecordingListener();

        clients.trustedEndpoint().build().execute(get("/denied"), listener);

        assertThat(listener.done.get(5, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(listener.error).isInstanceOf(ProviderHttpException.class);
        assertThat(((ProviderHttpException) listener.error).statusCode()).isEqualTo(401);
        assertThat(listener.error.getMessage()).doesNotContain("Incorrect API key");
    }

    @Test
    void errorStatusThrowsWithStatusAndKeepsTheBodyOutOfTheMessage() {
        assertThatThrownBy(() -> clients.trustedEndpoint().build().execute(get("/denied")))
                .isInstanceOfSatisfying(ProviderHttpException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("Incorrect API key");
                    assertThat(e.body()).contains("Incorrect API key");
                });
    }

    @Test
    void aJsonAnswerIsDecodedInTheCharsetItsHeaderNamesWithOrWithoutADeclaredLength() {
        SuccessfulHttpResponse latin1 = clients.trustedEndpoint().build().execute(get("/latin1"));
        assertThat(latin1.body()).isEqualTo("{\"text\":\"café\"}");
        assertThat(latin1.body()).isSameAs(latin1.body()); // decoded once, however often it is read
        assertThat(latin1.bodyBytes()).isEqualTo("{\"text\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1));

        SuccessfulHttpResponse chunked = clients.trustedEndpoint().build().execute(get("/chunked"));
        assertThat(chunked.body()).isEqualTo("{\"text\":\"" + "é".repeat(3000) + "\"}");
    }

    @Test
    void aBodyIsReadUpToTheCapAndNoFurther() throws Exception {
        byte[] big = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        for (long declared : new long[] {-1, big.length}) {
            var entity = new org.apache.hc.core5.http.io.entity.InputStreamEntity(
                    new java.io.ByteArrayInputStream(big), declared, null);
            assertThat(GuardedHttpClient.bytes(entity, 3000)).hasSize(3000);
            entity = new org.apache.hc.core5.http.io.entity.InputStreamEntity(
                    new java.io.ByteArrayInputStream(big), declared, null);
            assertThat(GuardedHttpClient.bytes(entity, 8000)).isEqualTo(big);
        }
    }

    @Test
    void callTimeoutBoundsAServerThatTricklesBytes() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> clients.trustedEndpoint().readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofMillis(800)).build().execute(get("/trickle")))
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void readTimeoutEndsAStalledStream() throws Exception {
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        RecordingListener listener = new RecordingListener();

        clients.trustedEndpoint().readTimeout(Duration.ofMillis(500)).build().execute(get("/stall"), listener);

        assertThat(listener.done.get(5, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(listener.error).isInstanceOf(TimeoutException.class);
    }

    private static final class RecordingListener implements ServerSentEventListener {
        final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> done = new CompletableFuture<>();
        volatile SuccessfulHttpResponse opened;
        volatile Throwable error;

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            opened = response;
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            events.add(event);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            done.complete("error");
        }

        @Override
        public void onClose() {
            done.complete("closed");
        }
    }
}
