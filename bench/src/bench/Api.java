package bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few BYOM Lab API calls the bench makes, over java.net.http (HTTP/1.1, keep-alive). */
final class Api {

    final HttpClient http;
    final String base;

    Api(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Threads.perTask("bench-http")).build();
    }

    /** A user with one stored OpenAI credential (validated live against the fake) as their default. */
    record User(String email, String token, UUID id, UUID credentialId) {
    }

    User newUser(String email, String apiKey) throws IOException, InterruptedException {
        String password = "bench-password-" + email.hashCode();
        HttpResponse<String> signup = post("/api/v1/users/signup", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"Bench\"}");
        if (signup.statusCode() != 201) {
            throw new IOException("signup " + signup.statusCode() + " " + signup.body());
        }
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login/access-token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = field(login.body(), "access_token");
        if (token == null) {
            throw new IOException("login " + login.statusCode() + " " + login.body());
        }
        UUID userId = UUID.fromString(field(get("/api/v1/users/me", token).body(), "id"));
        HttpResponse<String> credential = post("/api/v1/users/me/llm-credentials", token,
                "{\"provider\":\"openai\",\"api_key\":\"" + apiKey + "\",\"model_name\":\"gpt-4o-mini\",\"is_default\":true}");
        if (credential.statusCode() != 201) {
            throw new IOException("credential " + credential.statusCode() + " " + credential.body());
        }
        return new User(email, token, userId, UUID.fromString(field(credential.body(), "id")));
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return send("POST", path, token, json);
    }

    HttpResponse<String> put(String path, String token, String json) throws IOException, InterruptedException {
        return send("PUT", path, token, json);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    /** A JSON body when {@code json} is given; the bearer token when {@code token} is. */
    private HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9.]+|true|false|null))")
                .matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : ("null".equals(m.group(3)) ? null : m.group(3));
    }

    static Instant instant(String json, String name) {
        String v = field(json, name);
        return v == null ? null : Instant.parse(v);
    }
}
