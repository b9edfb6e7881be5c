package com.byomlab.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP client for the running service. It keeps every response (status, headers, body) so
 * that a test can search all of them, e.g. for a leaked key.
 */
public final class ApiClient {

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            return json().path(field).asText();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<Response> seen = new CopyOnWriteArrayList<>();

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public List<Response> responses() {
        return seen;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, String token, Object body) {
        return send(json(request(path, token), "POST", body));
    }

    public Response patch(String path, String token, Object body) {
        return send(json(request(path, token), "PATCH", body));
    }

    public Response put(String path, String token, Object body) {
        return send(json(request(path, token), "PUT", body));
    }

    /** Sends a raw body as it is, for malformed input. */
    public Response raw(String method, String path, String token, String contentType, String body) {
        return send(request(path, token).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs up a fresh user and logs in; returns the bearer token. */
    public String newUser() {
        String email = "u-" + UUID.randomUUID() + "@example.com";
        Response signup = post("/api/v1/users/signup", null, Map.of("email", email, "password", "correct-horse-9",
                "full_name", "Test User"));
        if (signup.status() != 201) {
            throw new AssertionError("sign-up failed: " + signup);
        }
        return login(email, "correct-horse-9");
    }

    /**
     * Signs up a fresh user, gives it the ADMIN role in the database (what {@code byom.admin.emails} does at start)
     * and logs in again, since the role travels in the login token; returns the bearer token.
     */
    public String newAdmin(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        String email = get("/api/v1/users/me", newUser()).text("email");
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", email);
        return login(email, "correct-horse-9");
    }

    public String login(String email, String password) {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Response r = raw("POST", "/api/v1/login/access-token", null, "application/x-www-form-urlencoded", form);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        return r.text("access_token");
    }

    /** Polls a Lab session until it is no longer pending or running; fails after {@code within}, never hangs. */
    public JsonNode awaitSessionEnd(String token, String sessionId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode session = null;
        while (System.nanoTime() < deadline) {
            session = get("/api/v1/lab/agent/sessions/" + sessionId, token).json();
            String status = session.path("status").asText();
            if (!status.equals("pending") && !status.equals("running")) {
                return session;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("session " + sessionId + " still " + (session == null ? "?" : session.path("status").asText())
                + " after " + within);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b, String method, Object body) {
        String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(r.statusCode(), r.headers().map(), r.body());
            seen.add(response);
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
