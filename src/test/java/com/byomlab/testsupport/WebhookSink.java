package com.byomlab.testsupport;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A local HTTP endpoint that keeps every JSON body posted to it: the operator's alert webhook in tests. */
public final class WebhookSink implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();

    public WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hook", exchange -> {
            try (exchange) {
                posts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The first post that matches, waiting up to 10 s for it. */
    public JsonNode awaitPost(Predicate<JsonNode> match) {
        for (int i = 0; i < 400; i++) {
            for (JsonNode p : posts) {
                if (match.test(p)) {
                    return p;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no matching webhook post within 10 s; got " + posts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
